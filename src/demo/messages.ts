/**
 * The demo's own words (its frame around the Slack messages), per language. Kept beside the demo rather
 * than in the alert catalogues because no Slack message or SMS ever uses them.
 */
import type { Locale } from '../alerts/i18n/locales.js';

export interface DemoPhrases {
  /** First lines: what this is. */
  intro: string;
  /** How to leave the demo for the real thing. */
  connectHint: string;
  /** The replay's pace, e.g. "Speed 4×: about 10 s." */
  pace(speed: number, seconds: number): string;
  instant: string;
  /** Above the parent the first time it is posted. */
  parentPosted: string;
  /** Above the parent each time it changes. */
  parentNow: string;
  /** Before a thread reply; `time` is the posting time in the viewer's zone. */
  reply(time: string): string;
  /** After `reply` for goals (reply_broadcast). */
  broadcast: string;
  /** After `reply` when an earlier reply was edited in place. */
  edited: string;
  /** Last line. */
  done: string;
  /** `--help` text; `command` is how to start the demo. */
  usage(command: string): string;
  /** One-line CLI errors. */
  badSpeed(value: string): string;
  badLocale(value: string, known: string): string;
  unknownOption(value: string): string;
  failed(problem: string): string;
}

const enGB: DemoPhrases = {
  intro:
    'Fanfare offline demo: no Slack tokens, so this replays the 2022 World Cup final (Argentina v France) from a bundled FIFA recording, showing the Slack thread as a channel reader would see it.',
  connectHint: 'Set SLACK_BOT_TOKEN and SLACK_APP_TOKEN to connect to Slack instead.',
  pace: (speed, seconds) => `Speed ${speed}×: about ${seconds} s (npm run demo -- --speed N to change it, --instant for no waiting).`,
  instant: 'Instant replay: no waiting.',
  parentPosted: 'New message in the channel:',
  parentNow: 'The message at the top of the thread, now:',
  reply: (time) => `↳ ${time} reply in the thread`,
  broadcast: '(also sent to the channel)',
  edited: '(edited)',
  done: 'End of the replay.',
  usage: (command) =>
    [
      `Usage: ${command} [--speed N | --instant] [--locale LOCALE]`,
      '',
      'Replays the 2022 World Cup final as Fanfare would post it in Slack, in this terminal.',
      '  --speed N        N times faster than the default pace (about 40 s); 0 means no waiting',
      '  --instant        the same as --speed 0',
      '  --locale LOCALE  language of the messages (default: the LOCALE variable, else en-GB)',
      '  --help           this text',
    ].join('\n'),
  badSpeed: (value) => `--speed needs a number of 0 or more, not "${value}"`,
  badLocale: (value, known) => `--locale "${value}" is not supported; use one of ${known}`,
  unknownOption: (value) => `unknown option "${value}" (see --help)`,
  failed: (problem) => `the demo stopped: ${problem}`,
};

const frFR: DemoPhrases = {
  intro:
    'Démo hors ligne de Fanfare : sans jetons Slack, elle rejoue la finale de la Coupe du monde 2022 (Argentine – France) depuis un enregistrement FIFA fourni, et montre le fil Slack tel qu’un lecteur du canal le verrait.',
  connectHint: 'Définissez SLACK_BOT_TOKEN et SLACK_APP_TOKEN pour vous connecter à Slack.',
  pace: (speed, seconds) => `Vitesse ${speed}× : environ ${seconds} s (npm run demo -- --speed N pour la changer, --instant pour ne pas attendre).`,
  instant: 'Relecture instantanée : aucune attente.',
  parentPosted: 'Nouveau message dans le canal :',
  parentNow: 'Le message en tête du fil, maintenant :',
  reply: (time) => `↳ ${time} réponse dans le fil`,
  broadcast: '(également envoyée dans le canal)',
  edited: '(modifié)',
  done: 'Fin de la relecture.',
  usage: (command) =>
    [
      `Usage : ${command} [--speed N | --instant] [--locale LOCALE]`,
      '',
      'Rejoue dans ce terminal la finale de la Coupe du monde 2022 telle que Fanfare la publierait dans Slack.',
      '  --speed N        N fois plus vite que le rythme par défaut (environ 40 s) ; 0 : sans attente',
      '  --instant        comme --speed 0',
      '  --locale LOCALE  langue des messages (par défaut : la variable LOCALE, sinon en-GB)',
      '  --help           ce texte',
    ].join('\n'),
  badSpeed: (value) => `--speed attend un nombre positif ou nul, pas « ${value} »`,
  badLocale: (value, known) => `--locale « ${value} » n’est pas prise en charge ; choisissez parmi ${known}`,
  unknownOption: (value) => `option inconnue « ${value} » (voir --help)`,
  failed: (problem) => `la démo s’est arrêtée : ${problem}`,
};

const esES: DemoPhrases = {
  intro:
    'Demo sin conexión de Fanfare: sin tokens de Slack, reproduce la final del Mundial 2022 (Argentina – Francia) a partir de una grabación de FIFA incluida y muestra el hilo de Slack tal como lo vería un lector del canal.',
  connectHint: 'Define SLACK_BOT_TOKEN y SLACK_APP_TOKEN para conectarte a Slack.',
  pace: (speed, seconds) => `Velocidad ${speed}×: unos ${seconds} s (npm run demo -- --speed N para cambiarla, --instant para no esperar).`,
  instant: 'Repetición instantánea: sin esperas.',
  parentPosted: 'Mensaje nuevo en el canal:',
  parentNow: 'El mensaje al principio del hilo, ahora:',
  reply: (time) => `↳ ${time} respuesta en el hilo`,
  broadcast: '(también enviada al canal)',
  edited: '(editado)',
  done: 'Fin de la repetición.',
  usage: (command) =>
    [
      `Uso: ${command} [--speed N | --instant] [--locale LOCALE]`,
      '',
      'Reproduce en esta terminal la final del Mundial 2022 tal como Fanfare la publicaría en Slack.',
      '  --speed N        N veces más rápido que el ritmo por defecto (unos 40 s); 0: sin esperas',
      '  --instant        igual que --speed 0',
      '  --locale LOCALE  idioma de los mensajes (por defecto: la variable LOCALE, si no en-GB)',
      '  --help           este texto',
    ].join('\n'),
  badSpeed: (value) => `--speed necesita un número igual o mayor que 0, no «${value}»`,
  badLocale: (value, known) => `--locale «${value}» no está disponible; usa uno de ${known}`,
  unknownOption: (value) => `opción desconocida «${value}» (ver --help)`,
  failed: (problem) => `la demo se detuvo: ${problem}`,
};

const ptBR: DemoPhrases = {
  intro:
    'Demo offline do Fanfare: sem tokens do Slack, ela reproduz a final da Copa do Mundo de 2022 (Argentina x França) a partir de uma gravação da FIFA incluída e mostra o fio do Slack como um leitor do canal o veria.',
  connectHint: 'Defina SLACK_BOT_TOKEN e SLACK_APP_TOKEN para se conectar ao Slack.',
  pace: (speed, seconds) => `Velocidade ${speed}×: cerca de ${seconds} s (npm run demo -- --speed N para mudar, --instant para não esperar).`,
  instant: 'Reprodução instantânea: sem espera.',
  parentPosted: 'Nova mensagem no canal:',
  parentNow: 'A mensagem no topo do fio, agora:',
  reply: (time) => `↳ ${time} resposta no fio`,
  broadcast: '(também enviada ao canal)',
  edited: '(editada)',
  done: 'Fim da reprodução.',
  usage: (command) =>
    [
      `Uso: ${command} [--speed N | --instant] [--locale LOCALE]`,
      '',
      'Reproduz neste terminal a final da Copa do Mundo de 2022 como o Fanfare a publicaria no Slack.',
      '  --speed N        N vezes mais rápido que o ritmo padrão (cerca de 40 s); 0: sem espera',
      '  --instant        o mesmo que --speed 0',
      '  --locale LOCALE  idioma das mensagens (padrão: a variável LOCALE, senão en-GB)',
      '  --help           este texto',
    ].join('\n'),
  badSpeed: (value) => `--speed precisa de um número maior ou igual a 0, não "${value}"`,
  badLocale: (value, known) => `--locale "${value}" não é suportado; use um de ${known}`,
  unknownOption: (value) => `opção desconhecida "${value}" (veja --help)`,
  failed: (problem) => `a demo parou: ${problem}`,
};

const deDE: DemoPhrases = {
  intro:
    'Fanfare-Offline-Demo: Ohne Slack-Tokens spielt sie das WM-Finale 2022 (Argentinien – Frankreich) aus einer mitgelieferten FIFA-Aufzeichnung ab und zeigt den Slack-Thread so, wie ihn ein Leser des Kanals sähe.',
  connectHint: 'Setze SLACK_BOT_TOKEN und SLACK_APP_TOKEN, um dich mit Slack zu verbinden.',
  pace: (speed, seconds) => `Tempo ${speed}×: etwa ${seconds} s (npm run demo -- --speed N ändert es, --instant ohne Warten).`,
  instant: 'Sofortige Wiedergabe: kein Warten.',
  parentPosted: 'Neue Nachricht im Kanal:',
  parentNow: 'Die Nachricht oben im Thread, jetzt:',
  reply: (time) => `↳ ${time} Antwort im Thread`,
  broadcast: '(auch an den Kanal gesendet)',
  edited: '(bearbeitet)',
  done: 'Ende der Wiedergabe.',
  usage: (command) =>
    [
      `Aufruf: ${command} [--speed N | --instant] [--locale LOCALE]`,
      '',
      'Spielt in diesem Terminal das WM-Finale 2022 ab, so wie Fanfare es in Slack posten würde.',
      '  --speed N        N-mal schneller als das Standardtempo (etwa 40 s); 0: ohne Warten',
      '  --instant        wie --speed 0',
      '  --locale LOCALE  Sprache der Nachrichten (Standard: die Variable LOCALE, sonst en-GB)',
      '  --help           dieser Text',
    ].join('\n'),
  badSpeed: (value) => `--speed braucht eine Zahl ab 0, nicht „${value}“`,
  badLocale: (value, known) => `--locale „${value}“ wird nicht unterstützt; möglich sind ${known}`,
  unknownOption: (value) => `unbekannte Option „${value}“ (siehe --help)`,
  failed: (problem) => `die Demo wurde abgebrochen: ${problem}`,
};

const PHRASES: Record<Locale, DemoPhrases> = {
  'en-GB': enGB,
  'fr-FR': frFR,
  'es-ES': esES,
  'pt-BR': ptBR,
  'de-DE': deDE,
};

export function demoPhrases(locale: Locale): DemoPhrases {
  return PHRASES[locale];
}
