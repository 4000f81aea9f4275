// The CMS pages shown in the app (/info/:slug): about, school intro, accessibility statement, privacy notice.
import type { Area } from './index';

export default {
  fi: {
    title: 'Tietoa palvelusta',
    fallback: 'Tätä sivua ei ole suomeksi. Näet sen toisella kielellä.',
    updated: 'Päivitetty {date}',
    notFoundTitle: 'Sivua ei löytynyt',
    notFoundText: 'Tätä sivua ei ole, tai se on poistettu. Linkki voi olla vanha.',
    feedbackLink: 'Anna palautetta',
  },
  sv: {
    title: 'Om tjänsten',
    fallback: 'Den här sidan finns inte på svenska. Du ser den på ett annat språk.',
    updated: 'Uppdaterad {date}',
    notFoundTitle: 'Sidan hittades inte',
    notFoundText: 'Den här sidan finns inte, eller så har den tagits bort. Länken kan vara gammal.',
    feedbackLink: 'Ge respons',
  },
  en: {
    title: 'About the service',
    fallback: 'This page is not available in English. You are seeing it in another language.',
    updated: 'Updated {date}',
    notFoundTitle: 'Page not found',
    notFoundText: 'This page does not exist, or it has been removed. The link may be old.',
    feedbackLink: 'Give feedback',
  },
} satisfies Area;
