// Settings → Notifications (components/notifications/NotificationSettings.tsx): the opt-in push switches.
import type { Area } from './index';

export default {
  fi: {
    mainLabel: 'Lähetä minulle ilmoituksia',
    mainHelp: 'Saat viestin puhelimeen tai tietokoneeseen. Emme lähetä mitään yöllä. Voit lopettaa milloin vain.',
    notAvailable: 'Ilmoitukset eivät ole vielä käytössä tässä palvelussa.',
    needsInstall:
      'Lisää sovellus ensin kotivalikkoon: napauta Jaa-painiketta ja valitse ”Lisää Koti-valikkoon”. Avaa sitten sovellus kotivalikosta ja tule tänne.',
    unsupported: 'Tämä selain ei osaa näyttää ilmoituksia. Kokeile toista selainta.',
    offline: 'Et ole verkossa. Voit muuttaa ilmoituksia, kun yhteys toimii taas.',
    denied:
      'Olet estänyt ilmoitukset tältä sivulta. Salli ne selaimen asetuksista: napauta osoiterivin lukkokuvaketta, valitse Ilmoitukset ja Salli. Yritä sitten uudelleen.',
    dismissed: 'Et antanut lupaa ilmoituksiin. Voit yrittää uudelleen.',
    turningOn: 'Ilmoituksia laitetaan päälle…',
    turningOff: 'Ilmoituksia laitetaan pois…',
    failed: 'Ilmoituksia ei saatu päälle. Yritä myöhemmin uudelleen.',
    offFailed: 'Ilmoituksia ei saatu pois päältä.',
    notSaved: 'Valintaa ei tallennettu.',
    kindsTitle: 'Mistä haluat kuulla?',
    newHobbies: 'Uudet harrastukset minulle',
    newHobbiesHelp: 'Enintään kerran päivässä, kun lähelle tulee kiinnostuksiisi sopivia harrastuksia.',
    enrolmentOpening: 'Suosikin ilmoittautuminen alkaa',
    benefitExpiring: 'Suosikin etu on loppumassa',
  },
  sv: {
    mainLabel: 'Skicka aviseringar till mig',
    mainHelp: 'Du får ett meddelande på telefonen eller datorn. Vi skickar inget på natten. Du kan sluta när du vill.',
    notAvailable: 'Aviseringar används inte ännu i den här tjänsten.',
    needsInstall:
      'Lägg först till appen på hemskärmen: tryck på Dela och välj ”Lägg till på hemskärmen”. Öppna sedan appen från hemskärmen och kom tillbaka hit.',
    unsupported: 'Den här webbläsaren kan inte visa aviseringar. Prova en annan webbläsare.',
    offline: 'Du är inte på nätet. Du kan ändra aviseringar när du har nätförbindelse igen.',
    denied:
      'Du har blockerat aviseringar från den här sidan. Tillåt dem i webbläsarens inställningar: tryck på låset bredvid adressen, välj Aviseringar och Tillåt. Försök sedan igen.',
    dismissed: 'Du gav inte lov till aviseringar. Du kan försöka igen.',
    turningOn: 'Aviseringarna slås på…',
    turningOff: 'Aviseringarna stängs av…',
    failed: 'Aviseringarna kunde inte slås på. Försök igen senare.',
    offFailed: 'Aviseringarna kunde inte stängas av.',
    notSaved: 'Valet sparades inte.',
    kindsTitle: 'Vad vill du höra om?',
    newHobbies: 'Nya hobbyer för mig',
    newHobbiesHelp: 'Högst en gång om dagen, när det kommer hobbyer nära dig som passar dina intressen.',
    enrolmentOpening: 'Anmälan till en favorit öppnar',
    benefitExpiring: 'En favorits förmån går snart ut',
  },
  en: {
    mainLabel: 'Send me notifications',
    mainHelp: 'You get a message on your phone or computer. We send nothing at night. You can stop at any time.',
    notAvailable: 'Notifications are not in use in this service yet.',
    needsInstall:
      'Add the app to your home screen first: tap Share and choose “Add to Home Screen”. Then open the app from your home screen and come back here.',
    unsupported: 'This browser cannot show notifications. Try another browser.',
    offline: 'You are offline. You can change notifications when you are online again.',
    denied:
      'You have blocked notifications from this site. Allow them in your browser’s settings: tap the lock next to the address, choose Notifications and Allow. Then try again.',
    dismissed: 'You did not allow notifications. You can try again.',
    turningOn: 'Turning notifications on…',
    turningOff: 'Turning notifications off…',
    failed: 'Notifications could not be turned on. Try again later.',
    offFailed: 'Notifications could not be turned off.',
    notSaved: 'Your choice was not saved.',
    kindsTitle: 'What do you want to hear about?',
    newHobbies: 'New hobbies for me',
    newHobbiesHelp: 'At most once a day, when hobbies that fit your interests appear near you.',
    enrolmentOpening: 'A favourite’s sign-up opens',
    benefitExpiring: 'A favourite’s benefit is about to end',
  },
} satisfies Area;
