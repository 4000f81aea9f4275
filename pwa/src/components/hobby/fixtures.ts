// Test data: a hobby as the detail query answers it (used by the hobby page's and api/hobby's tests only).
import type { HobbyDetail } from '../../api/hobby';
import { benefit, hobby } from '../../test/data';

export function hobbyDetail(id: string, extra: Partial<HobbyDetail> = {}): HobbyDetail {
  return {
    ...hobby(id),
    title: { text: `Kiipeily ${id}`, language: 'fi' },
    summary: { text: 'Kiivetään yhdessä.', language: 'fi' },
    description: { text: 'Ensimmäinen kappale.\nToinen rivi.\n\nToinen kappale.', language: 'fi' },
    whatToBring: { text: 'Juomapullo.', language: 'fi' },
    level: 'ALL',
    instructionLanguages: ['fi', 'sv'],
    price: { kind: 'PAID', amount: 190, unit: 'term', details: { text: 'Sisältää vakuutuksen.', language: 'fi' } },
    trialSession: true,
    venue: {
      id: '6',
      name: { text: 'Kallioseinä', language: 'fi' },
      streetAddress: { text: 'Runeberginkatu 42', language: 'fi' },
      postalCode: '00260',
      city: 'Helsinki',
      latitude: 60.18,
      longitude: 24.92,
      directionsUrl: 'https://www.google.com/maps/dir/?api=1&destination=60.18,24.92',
      accessibility: {
        wheelchairAccessible: true,
        stepFreeEntrance: false,
        accessibleToilet: null,
        inductionLoop: null,
        details: { text: '', language: 'fi' },
      },
    },
    organization: { name: 'Kiipeilyseura ry', website: 'https://www.seura.invalid/', email: 'info@seura.invalid', phone: '+358 9 555 1000' },
    image: null,
    registrationUrl: 'https://www.seura.invalid/ilmo',
    enrolmentStart: null,
    enrolmentEnd: '2026-12-31T21:59:00Z',
    enrolmentOpen: true,
    calendarUrl: `http://localhost:3000/hobbies/${id}.ics?lang=fi`,
    sessions: [
      { id: 's1', start: '2026-11-23T15:00:00Z', end: '2026-11-23T16:30:00Z', weekday: 'MON', cancelled: false },
      { id: 's2', start: '2026-11-25T15:00:00Z', end: '2026-11-25T16:30:00Z', weekday: 'WED', cancelled: true },
    ],
    benefits: [benefit('3', { hobby: { id, title: { text: `Kiipeily ${id}`, language: 'fi' } } })],
    similarHobbies: [hobby('8'), hobby('9')],
    ...extra,
  };
}
