// The favourites screen (/favourites).
import type { Area } from './index';

export default {
  fi: {
    title: 'Suosikit',
    count: { one: 'Sinulla on {count} suosikki.', other: 'Sinulla on {count} suosikkia.' },
    emptyTitle: 'Ei vielä suosikkeja',
    emptyText: 'Kun löydät kivan harrastuksen, tallenna se sen omalla sivulla. Se tulee silloin tähän.',
    findHobbies: 'Etsi harrastuksia',
    remove: 'Poista',
    removeLabel: 'Poista {title} suosikeista',
    removed: '{title} poistettiin suosikeista.',
    undo: 'Peru poisto',
    restored: '{title} on taas suosikeissa.',
    removeFailed: 'Suosikkia ei voitu poistaa.',
  },
  sv: {
    title: 'Favoriter',
    count: { one: 'Du har {count} favorit.', other: 'Du har {count} favoriter.' },
    emptyTitle: 'Inga favoriter än',
    emptyText: 'När du hittar en rolig hobby kan du spara den på hobbyns sida. Då kommer den hit.',
    findHobbies: 'Sök hobbyer',
    remove: 'Ta bort',
    removeLabel: 'Ta bort {title} från favoriterna',
    removed: '{title} togs bort från favoriterna.',
    undo: 'Ångra',
    restored: '{title} finns bland favoriterna igen.',
    removeFailed: 'Favoriten kunde inte tas bort.',
  },
  en: {
    title: 'Favourites',
    count: { one: 'You have {count} favourite.', other: 'You have {count} favourites.' },
    emptyTitle: 'No favourites yet',
    emptyText: 'When you find a hobby you like, save it on its page. It will then show up here.',
    findHobbies: 'Find hobbies',
    remove: 'Remove',
    removeLabel: 'Remove {title} from favourites',
    removed: '{title} was removed from your favourites.',
    undo: 'Undo',
    restored: '{title} is back in your favourites.',
    removeFailed: 'The favourite could not be removed.',
  },
} satisfies Area;
