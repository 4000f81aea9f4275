import { describe, expect, it } from 'vitest';
import {
  daysFrom,
  formatAgeRange,
  formatDate,
  formatDistance,
  formatPrice,
  formatRelativeDay,
  formatSessionStart,
  formatTime,
  weekdayName,
} from './format';

// Intl puts non-breaking and narrow spaces in places; compare with plain ones
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

// Monday 24 Nov 2025, 12:00 in Helsinki (UTC+2)
const NOW = new Date('2025-11-24T10:00:00Z');
const TUESDAY_17 = '2025-11-25T15:00:00Z'; // Tue 25 Nov 17.00 in Helsinki
const FRIDAY_930 = '2025-11-28T07:30:00Z'; // Fri 28 Nov 9.30

describe('dates and times', () => {
  it('writes a date with the weekday', () => {
    expect(formatDate(FRIDAY_930, 'fi')).toBe('pe 28.11.');
    expect(formatDate(FRIDAY_930, 'sv')).toMatch(/^fre 28\.11\.?$/);
    expect(formatDate(FRIDAY_930, 'en')).toBe('Fri 28 Nov');
  });

  it('writes the time in Finnish time', () => {
    expect(formatTime(TUESDAY_17, 'fi')).toBe('17.00');
    expect(formatTime(TUESDAY_17, 'sv')).toBe('17.00');
    expect(formatTime(TUESDAY_17, 'en')).toBe('17:00');
  });

  it('says when a session starts', () => {
    expect(formatSessionStart(FRIDAY_930, 'fi', NOW)).toBe('pe 28.11. klo 09.30');
    expect(formatSessionStart(FRIDAY_930, 'en', NOW)).toBe('Fri 28 Nov, 09:30');
    expect(formatSessionStart(FRIDAY_930, 'sv', NOW)).toMatch(/^fre 28\.11\.? kl\. 09\.30$/);
  });

  it('says today and tomorrow in words', () => {
    expect(formatSessionStart(TUESDAY_17, 'fi', NOW)).toBe('huomenna klo 17.00');
    expect(formatSessionStart(TUESDAY_17, 'sv', NOW)).toBe('i morgon kl. 17.00');
    expect(formatSessionStart(TUESDAY_17, 'en', NOW)).toBe('tomorrow, 17:00');
    expect(formatSessionStart('2025-11-24T16:00:00Z', 'fi', NOW)).toBe('tänään klo 18.00');
  });

  it('counts calendar days in Finnish time, not 24-hour periods', () => {
    // 23.30 on Monday in Helsinki is still Monday; 00.30 on Tuesday is tomorrow
    expect(daysFrom('2025-11-24T21:30:00Z', NOW)).toBe(0);
    expect(daysFrom('2025-11-24T22:30:00Z', NOW)).toBe(1);
    expect(daysFrom('2025-11-27T10:00:00Z', NOW)).toBe(3);
  });

  it('writes relative days', () => {
    expect(formatRelativeDay('2025-11-27T10:00:00Z', 'fi', NOW)).toBe('3 päivän päästä');
    expect(formatRelativeDay('2025-11-27T10:00:00Z', 'sv', NOW)).toBe('om 3 dagar');
    expect(formatRelativeDay('2025-11-27T10:00:00Z', 'en', NOW)).toBe('in 3 days');
    expect(formatRelativeDay('2025-11-23T10:00:00Z', 'en', NOW)).toBe('yesterday');
  });

  it('names weekdays', () => {
    expect(weekdayName('MON', 'fi')).toBe('maanantai');
    expect(weekdayName('TUE', 'sv')).toBe('tisdag');
    expect(weekdayName('SUN', 'en')).toBe('Sunday');
    expect(weekdayName('SAT', 'fi', 'short')).toBe('la');
  });
});

describe('prices', () => {
  it('says free', () => {
    const free = { kind: 'FREE' as const, amount: null, unit: null };
    expect(formatPrice(free, 'fi')).toBe('Ilmainen');
    expect(formatPrice(free, 'sv')).toBe('Gratis');
    expect(formatPrice(free, 'en')).toBe('Free');
  });

  it('writes an amount and its unit', () => {
    const term = { kind: 'PAID' as const, amount: 30, unit: 'term' };
    expect(plain(formatPrice(term, 'fi'))).toBe('30 € / lukukausi');
    expect(plain(formatPrice(term, 'sv'))).toBe('30 € / termin');
    expect(plain(formatPrice(term, 'en'))).toBe('€30 / term');
  });

  it('keeps cents when there are some', () => {
    expect(plain(formatPrice({ kind: 'PAID', amount: 12.5, unit: 'once' }, 'fi'))).toBe('12,50 € / kerta');
    expect(plain(formatPrice({ kind: 'PAID', amount: 12.5, unit: null }, 'en'))).toBe('€12.50');
  });

  it('says paid when there is no amount, and free for zero', () => {
    expect(formatPrice({ kind: 'PAID', amount: null, unit: null }, 'fi')).toBe('Maksullinen');
    expect(formatPrice({ kind: 'PAID', amount: 0, unit: 'month' }, 'en')).toBe('Free');
  });

  it('shows an unknown unit as the amount alone', () => {
    expect(plain(formatPrice({ kind: 'PAID', amount: 5, unit: 'fortnight' }, 'fi'))).toBe('5 €');
  });
});

describe('distances', () => {
  it('uses metres below a kilometre', () => {
    expect(plain(formatDistance(0.8, 'fi'))).toBe('800 m');
    expect(plain(formatDistance(0.012, 'en'))).toBe('50 m');
    expect(plain(formatDistance(0.99, 'sv'))).toBe('1 km');
  });

  it("uses the language's decimal separator", () => {
    expect(plain(formatDistance(2.44, 'fi'))).toBe('2,4 km');
    expect(plain(formatDistance(2.44, 'sv'))).toBe('2,4 km');
    expect(plain(formatDistance(2.44, 'en'))).toBe('2.4 km');
    expect(plain(formatDistance(3, 'fi'))).toBe('3 km');
  });

  it('drops decimals from ten kilometres', () => {
    expect(plain(formatDistance(12.34, 'en'))).toBe('12 km');
  });

  it('keeps the number and unit together', () => {
    expect(formatDistance(2.4, 'fi')).toContain('\u00a0');
  });
});

describe('ages', () => {
  it('writes a range', () => {
    expect(formatAgeRange(13, 17, 'fi')).toBe('13–17-vuotiaille');
    expect(formatAgeRange(13, 17, 'sv')).toBe('För 13–17 år');
    expect(formatAgeRange(13, 17, 'en')).toBe('Ages 13–17');
  });

  it('writes open ranges', () => {
    expect(formatAgeRange(0, 99, 'fi')).toBe('Kaikenikäisille');
    expect(formatAgeRange(12, 99, 'en')).toBe('Ages 12 and up');
    expect(formatAgeRange(0, 15, 'sv')).toBe('För upp till 15 år');
  });
});
