import { describe, expect, it } from 'vitest';
import { CLIENT_PATH_RE, SERVER_PATH_RE, hobbyPath, infoPath } from './paths';

describe('paths', () => {
  it.each(['/', '/welcome', '/search', '/search?text=futis', '/hobbies/42', '/favourites', '/benefits', '/settings',
    '/feedback', '/info/privacy-notice', '/settings/'])('%s is drawn by the app', (path) => {
    expect(CLIENT_PATH_RE.test(path)).toBe(true);
    expect(SERVER_PATH_RE.test(path)).toBe(false);
  });

  it.each(['/cms/', '/cms/login/', '/graphql', '/graphql?query=x', '/pages/kouluille/', '/healthz',
    '/hobbies/42.ics', '/hobbies/42.ics?lang=fi', '/media/images/a.jpg', '/static/x.css'])(
    '%s is left to the server',
    (path) => {
      expect(CLIENT_PATH_RE.test(path)).toBe(false);
      expect(SERVER_PATH_RE.test(path)).toBe(true);
    },
  );

  it('builds links', () => {
    expect(hobbyPath(7)).toBe('/hobbies/7');
    expect(infoPath('tietosuojaseloste')).toBe('/info/tietosuojaseloste');
  });
});
