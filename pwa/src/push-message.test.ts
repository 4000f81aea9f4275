import { describe, expect, it } from 'vitest';
import { appPath, readPushMessage } from './push-message';

describe('readPushMessage', () => {
  it("reads Firebase's web payload: the notification, and the page in data", () => {
    const payload = {
      from: '123',
      fcmMessageId: 'm-1',
      notification: { title: 'Ilmoittautuminen alkaa', body: 'Kiipeily: ilmoittautuminen alkaa huomenna.' },
      data: { path: '/hobbies/42', kind: 'enrolment_opening' },
    };
    expect(readPushMessage(payload)).toEqual({
      title: 'Ilmoittautuminen alkaa',
      body: 'Kiipeily: ilmoittautuminen alkaa huomenna.',
      path: '/hobbies/42',
    });
  });

  it('falls back to the data, the app name and the home page', () => {
    expect(readPushMessage({ data: { title: 'Uusia harrastuksia', body: '3 uutta' } })).toEqual({
      title: 'Uusia harrastuksia',
      body: '3 uutta',
      path: '/',
    });
    expect(readPushMessage({})).toEqual({ title: 'Harrastuspassi', body: '', path: '/' });
    expect(readPushMessage('just text')).toEqual({ title: 'Harrastuspassi', body: '', path: '/' });
    expect(readPushMessage(null)).toBeNull();
  });
});

describe('appPath', () => {
  it("opens only the app's own pages", () => {
    expect(appPath('/hobbies/42')).toBe('/hobbies/42');
    expect(appPath('/benefits')).toBe('/benefits');
    expect(appPath('/search?q=tanssi')).toBe('/search?q=tanssi');
    for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example', '/cms/', '/graphql', 'hobbies/1', 42, null]) {
      expect(appPath(bad), String(bad)).toBe('/');
    }
  });
});
