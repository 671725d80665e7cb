/**
 * The articles national teams take where a sentence needs one: French "pour l’Argentine", "Les Pays-Bas
 * s’imposent", Portuguese "para a Argentina", "GOL do Brasil", German "für die Schweiz". FIFA sends names in the
 * language asked for, so each table holds that language's names (FIFA's and the everyday ones) of the teams of a
 * 48-team World Cup, its play-off contenders and other regulars.
 *
 * A name is looked up folded, as the team search folds it ("Côte d’Ivoire" and "Cote d'Ivoire" agree), so
 * mrkdwn-escaped Slack text and GSM-7 SMS text both find it. A name not listed (a club,
 * a team named in another language) gets `null`: French and Portuguese phrases then use a construction that
 * needs no article ("Penalty : Paris SG"); German ones use the bare name, which is right for most countries
 * and clubs.
 */
import { foldTeamName } from '../../football/teams.js';

/** How a name takes its article: masculine, feminine, elided before a vowel (French), plural, or none at all. */
type Kind = 'm' | 'f' | 'elided' | 'mp' | 'fp' | 'none';

function table(groups: Partial<Record<Kind, string[]>>): Map<string, Kind> {
  const map = new Map<string, Kind>();
  for (const [kind, names] of Object.entries(groups) as [Kind, string[]][]) {
    for (const name of names) map.set(foldTeamName(name), kind);
  }
  return map;
}

const FRENCH = table({
  f: [
    'France', 'Croatie', 'Norvège', 'Belgique', 'Suisse', 'Colombie', 'Tunisie', 'Jordanie', 'Corée du Sud',
    'République de Corée', "Côte d'Ivoire", 'Nouvelle-Zélande', 'Suède', 'Pologne', 'Turquie', 'Türkiye',
    'Roumanie', 'Slovaquie', 'Macédoine du Nord', 'Tchéquie', 'République tchèque', 'RD Congo',
    'République démocratique du Congo', 'Jamaïque', 'Bolivie', 'Nouvelle-Calédonie', 'Corée du Nord', 'RDP de Corée',
    'Chine', 'RP Chine', 'Serbie', 'Slovénie', 'Grèce', 'Hongrie', 'Géorgie', 'Bosnie-Herzégovine',
    'Bosnie-et-Herzégovine', "République d'Irlande", 'Finlande', 'Russie', 'Guinée', 'Zambie', 'Libye', 'Palestine',
    'Syrie', 'Thaïlande', 'Malaisie', "RI d'Iran", 'RI Iran',
  ],
  m: [
    'Canada', 'Mexique', 'Japon', 'Qatar', 'Maroc', 'Ghana', 'Cap-Vert', 'Sénégal', 'Brésil', 'Paraguay', 'Portugal',
    'Danemark', 'Panama', 'Suriname', 'Kosovo', 'Congo', 'Nigeria', 'Cameroun', 'Chili', 'Pérou', 'Costa Rica',
    'Pays de Galles', 'Salvador', 'Honduras', 'Venezuela', 'Mali', 'Burkina Faso', 'Bénin', 'Gabon', 'Togo', 'Kenya',
    'Monténégro', 'Luxembourg', 'Liban', 'Koweït', 'Vietnam', 'Guatemala',
  ],
  elided: [
    'Argentine', 'Allemagne', 'Angleterre', 'Espagne', 'Autriche', 'Australie', 'Arabie saoudite', 'Algérie',
    'Égypte', 'Afrique du Sud', 'Équateur', 'Uruguay', 'Ouzbékistan', 'Iran', 'Irak',
    'Italie', 'Irlande du Nord', 'Irlande', 'Ukraine', 'Albanie', 'Islande', 'Écosse', 'Estonie', 'Arménie',
    'Azerbaïdjan', 'Ouganda', 'Angola', 'Indonésie', 'Inde',
  ],
  mp: ['Pays-Bas', 'États-Unis', 'Émirats arabes unis'],
  fp: ['Comores', 'Philippines'],
  none: ['Haïti', 'Curaçao', 'Israël', 'Cuba', 'Chypre', 'Malte', 'Oman', 'Trinité-et-Tobago', 'Singapour', 'Madagascar'],
});

const PORTUGUESE = table({
  f: [
    'Argentina', 'França', 'Alemanha', 'Inglaterra', 'Espanha', 'Croácia', 'Noruega', 'Bélgica', 'Áustria', 'Suíça',
    'Escócia', 'Holanda', 'Colômbia', 'Nova Zelândia', 'Austrália', 'Coreia do Sul', 'República da Coreia',
    'Jordânia', 'Arábia Saudita', 'Tunísia', 'Argélia', 'África do Sul', 'Costa do Marfim', 'Itália',
    'Irlanda do Norte', 'Irlanda', 'República da Irlanda', 'Bósnia e Herzegovina', 'Bósnia-Herzegovina', 'Ucrânia',
    'Suécia', 'Polônia', 'Albânia', 'Turquia', 'Türkiye', 'Romênia', 'Eslováquia', 'Dinamarca', 'Macedônia do Norte',
    'República Tcheca', 'Tchéquia', 'RD Congo', 'República Democrática do Congo', 'Jamaica', 'Bolívia',
    'Nova Caledônia', 'Coreia do Norte', 'China', 'Nigéria', 'Costa Rica', 'Sérvia', 'Eslovênia', 'Grécia', 'Hungria',
    'Islândia', 'Geórgia', 'Rússia', 'Finlândia', 'Venezuela', 'Guiné',
  ],
  m: [
    'Brasil', 'Canadá', 'México', 'Japão', 'Irã', 'Uzbequistão', 'Catar', 'Marrocos', 'Egito', 'Senegal',
    'Equador', 'Uruguai', 'Paraguai', 'Panamá', 'Haiti', 'Kosovo', 'Iraque', 'Suriname', 'Congo', 'Chile', 'Peru',
    'País de Gales', 'Mali', 'Líbano', 'Kuwait',
  ],
  mp: ['Estados Unidos', 'EUA', 'Países Baixos', 'Emirados Árabes Unidos'],
  none: ['Portugal', 'Cabo Verde', 'Gana', 'Curaçao', 'Camarões', 'Israel', 'Cuba', 'Angola', 'Moçambique', 'Andorra'],
});

/** German: only the names that take an article; every other name, listed or not, goes without. */
const GERMAN = table({
  f: [
    'Schweiz', 'Türkei', 'Elfenbeinküste', "Côte d'Ivoire", 'Slowakei', 'Ukraine', 'Tschechische Republik', 'DR Kongo',
    'Demokratische Republik Kongo', 'Republik Korea', 'Republik Irland', 'Mongolei', 'Dominikanische Republik',
    'Zentralafrikanische Republik',
  ],
  m: ['Irak', 'Iran', 'Kongo', 'Libanon', 'Jemen', 'Sudan', 'Tschad'],
  mp: ['Niederlande', 'USA', 'Vereinigte Staaten', 'Vereinigte Arabische Emirate', 'Kapverden', 'Philippinen', 'Färöer', 'Komoren'],
});

/** German plural names change in the dative: "den Niederlanden". Names not here keep their form ("den USA"). */
const GERMAN_DATIVE: Record<string, string> = {
  niederlande: 'Niederlanden',
  vereinigtestaaten: 'Vereinigten Staaten',
  vereinigtearabischeemirate: 'Vereinigten Arabischen Emiraten',
};

/** A team name with its article, in the forms French phrases need. */
export interface FrenchTeam {
  /** "l’Argentine", "la France", "le Brésil", "les Pays-Bas", "Haïti". */
  the: string;
  /** The same at the start of a sentence: "L’Argentine". */
  The: string;
  /** For the verb: "Les Pays-Bas s’imposent". */
  plural: boolean;
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** `apostrophe`: "’" for Slack, "'" for SMS (GSM-7 has no curly one). */
export function frenchTeam(name: string, apostrophe = '’'): FrenchTeam | null {
  const kind = FRENCH.get(foldTeamName(name));
  if (kind === undefined) return null;
  const article = { m: 'le ', f: 'la ', elided: `l${apostrophe}`, mp: 'les ', fp: 'les ', none: '' }[kind];
  const the = `${article}${name}`;
  return { the, The: capitalise(the), plural: kind === 'mp' || kind === 'fp' };
}

export interface PortugueseTeam {
  /** "a Argentina", "o Brasil", "os Estados Unidos", "Portugal". */
  the: string;
  The: string;
  plural: boolean;
  /** With "de": "da Argentina", "do Brasil", "dos Estados Unidos", "de Portugal". */
  of: string;
}

export function portugueseTeam(name: string): PortugueseTeam | null {
  const kind = PORTUGUESE.get(foldTeamName(name));
  if (kind === undefined) return null;
  const [article, of] = { m: ['o ', 'do '], f: ['a ', 'da '], elided: ['', 'de '], mp: ['os ', 'dos '], fp: ['as ', 'das '], none: ['', 'de '] }[kind];
  return { the: `${article}${name}`, The: capitalise(`${article}${name}`), of: `${of}${name}`, plural: kind === 'mp' || kind === 'fp' };
}

export interface GermanTeam {
  plural: boolean;
  /** Accusative, after "für": "die Schweiz", "den Irak", "die Niederlande", or the bare name. */
  acc: string;
  /** Nominative at the start of a sentence: "Die Schweiz", "Der Irak", "Argentinien". */
  Nom: string;
  /** Dative, after "folgen": "der Schweiz", "dem Irak", "den Niederlanden". */
  dat: string;
}

/** Every name has a German form: one without an article is used bare. */
export function germanTeam(name: string): GermanTeam {
  const folded = foldTeamName(name);
  const kind = GERMAN.get(folded);
  if (kind === undefined) return { acc: name, Nom: name, dat: name, plural: false };
  const plural = kind === 'mp' || kind === 'fp';
  const [nom, acc, dat] = plural ? ['die', 'die', 'den'] : kind === 'm' ? ['der', 'den', 'dem'] : ['die', 'die', 'der'];
  return { acc: `${acc} ${name}`, Nom: capitalise(`${nom} ${name}`), dat: `${dat} ${(plural && GERMAN_DATIVE[folded]) || name}`, plural };
}
