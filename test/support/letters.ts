// Deterministic Dutch test letters: typeset with pdf-lib, rendered with pdf.js, degraded with sharp.
//
// Used by the OCR tests and the benchmarks, so everything here is a pure function of the seed
// (and the optional field overrides): the same seed gives byte-identical PDFs and images, and a
// benchmark run compares like with like. Noise comes from our own seeded PRNG, never from
// Math.random or sharp's unseeded noise.
//
// Variants (all A4; 300 ppi unless stated):
//   clean            the rendered page, RGB PNG
//   skew+3 / skew-3  rotated 3° clockwise / anticlockwise on white, cropped back to the A4 size
//                    (like a sheet fed crooked into a fixed scan area)
//   noisy-jpeg       gaussian noise (σ = 12 grey levels) + gaussian blur (σ = 0.8 px) + JPEG q35;
//                    `jpeg` is the file, `png` its decoded pixels
//   upside-down      rotated 180°
//   sideways         rotated 90° clockwise (width and height swapped)
//   fax-200-bilevel  rendered at 200 ppi, grey, threshold 128, ~0.04 % black speckle;
//                    `png` is a 1-bit greyscale PNG, `tiff` the same pixels as a CCITT G4 TIFF
//   report           a dense two-column report page instead of a letter, clean
// The ground-truth `text` is the upright page's text in reading order, one line per typeset line
// (report: heading, left column, right column, footer). Rotation does not change it.
//
// Field overrides: a key present in `fields` wins, even when its value is undefined — that is
// how a caller removes an optional identifier (`fields: { bsn: undefined }`). `iban` is kept in
// electronic form (NL91ABNA0417164300) and printed in groups of four.

import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import sharp from 'sharp';
import { Rng } from './rng';

export type LetterVariant = 'clean' | 'skew+3' | 'skew-3' | 'noisy-jpeg' | 'upside-down' | 'sideways' | 'fax-200-bilevel' | 'report';

export const LETTER_VARIANTS: readonly LetterVariant[] = [
  'clean',
  'skew+3',
  'skew-3',
  'noisy-jpeg',
  'upside-down',
  'sideways',
  'fax-200-bilevel',
  'report',
];

export interface GeneratedPage {
  png: Buffer;
  jpeg?: Buffer;
  tiff?: Buffer;
  width: number;
  height: number;
  dpi: number;
  /** ground truth, reading order, one line per typeset line */
  text: string;
  variant: LetterVariant;
}

export interface LetterFields {
  senderName: string;
  senderStreet: string;
  senderPostcode: string;
  senderCity: string;
  /** e.g. '3 maart 2026' */
  date: string;
  zaaknummer?: string;
  uwKenmerk?: string;
  onsKenmerk?: string;
  bsn?: string;
  iban?: string;
  kvk?: string;
  subject: string;
  /** paragraphs exactly as printed */
  body: string[];
}

export type LetterKind = 'letter' | 'report';

export interface LetterOptions {
  seed: number;
  kind?: LetterKind;
  fields?: Partial<LetterFields>;
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness

// ---------------------------------------------------------------------------------------------
// Corpus (WinAnsi only: the standard PDF fonts cannot encode anything else)

const FIRST_NAMES = [
  'Jan',
  'Sanne',
  'Pieter',
  'Fatima',
  'Daan',
  'Noor',
  'Mohammed',
  'Eva',
  'Thijs',
  'Ilse',
  'Sem',
  'Anouk',
  'Bram',
  'Chloë',
  'Joël',
  'Zoë',
  'Ruud',
  'Ingrid',
  'Esmée',
  'Gerrit',
  'Marieke',
  'Youssef',
];
const SURNAMES = [
  'de Vries',
  'van den Berg',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'van Dijk',
  'Mulder',
  'Bosch',
  'Vermeulen',
  'Kuijpers',
  'Huijsman',
  'Brouwer',
  'Hendriks',
  'El Amrani',
  'Öztürk',
  'van der Heijden',
  'de Jong',
  'Dekker',
  'Prins',
  'van Leeuwen',
  'Wijnands',
];
const COMPANIES = [
  'Bouwbedrijf Van Wijk B.V.',
  'Installatiebureau De Linde',
  'Groenvoorziening Hendriks & Zn.',
  'Stratenmakersbedrijf Kuijpers',
  'Adviesbureau Ruimtelijk Beheer',
  'Schildersbedrijf Smit V.O.F.',
];
const STREETS = [
  'Kerkstraat',
  'Dorpsstraat',
  'Molenweg',
  'Julianalaan',
  'Beatrixstraat',
  'Lindenlaan',
  'Wilhelminastraat',
  'Eikenlaan',
  'Schoolstraat',
  'Nieuwe Gracht',
  'Van Goghlaan',
  'Spuistraat',
  'Oranjesingel',
  'Kastanjelaan',
  'Prins Hendrikkade',
  'Rijksstraatweg',
  'Zuiderdijk',
  'Stationsweg',
];
const CITIES = [
  'Amersfoort',
  'Zwolle',
  'Deventer',
  'Haarlem',
  'Leiden',
  'Arnhem',
  'Tilburg',
  'Groningen',
  'Delft',
  'Hoorn',
  'Alkmaar',
  'Gouda',
  'Ede',
  'Emmen',
  'Venlo',
  'Middelburg',
];
const DEPARTMENTS = [
  'Afdeling Publiekszaken',
  'Afdeling Belastingen',
  'Team Vergunningen',
  'Afdeling Openbare Ruimte',
  'Team Burgerzaken',
  'Afdeling Financiën',
];
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

interface Topic {
  subject: string;
  sentences: string[];
  /** letters from a company (with KvK number and invoice-style IBAN sentence) */
  business?: boolean;
}

const TOPICS: Topic[] = [
  {
    subject: 'Bezwaar tegen de WOZ-beschikking {jaar}',
    sentences: [
      'Hierbij maak ik bezwaar tegen de WOZ-beschikking van {datum} voor de woning aan de {straat} {huisnr}.',
      'De vastgestelde waarde van € {bedrag} ligt naar mijn mening ruim boven de reële marktwaarde.',
      'Vergelijkbare woningen in de wijk zijn het afgelopen jaar verkocht voor bedragen tussen € {bedrag} en € {bedrag}.',
      'Bij de taxatie is geen rekening gehouden met de achterstallige staat van onderhoud van het dak en de kozijnen.',
      'Ik verzoek u de waarde opnieuw te bepalen en mij het taxatieverslag toe te sturen.',
      'Tevens verzoek ik u om vergoeding van de kosten die ik in verband met dit bezwaar heb gemaakt.',
      "Een kopie van de beschikking en {nr} foto's van de woning treft u aan in de bijlage.",
      'Mocht u aanvullende informatie nodig hebben, dan ben ik op werkdagen na 17.00 uur bereikbaar.',
    ],
  },
  {
    subject: 'Aanvraag omgevingsvergunning voor een dakkapel',
    sentences: [
      'Graag vraag ik een omgevingsvergunning aan voor het plaatsen van een dakkapel aan de achterzijde van mijn woning.',
      'De dakkapel wordt {nr} meter breed en krijgt een plat dak met een zinken dakrand.',
      'De buren op nummer {huisnr} zijn geïnformeerd en hebben geen bezwaar tegen het plan.',
      'De bouwtekeningen, een situatieschets en de constructieberekening zijn als bijlage toegevoegd.',
      'Ik wil graag weten of er leges verschuldigd zijn en hoe hoog deze zijn.',
      'De werkzaamheden zouden volgens de planning in week {week} van {jaar} beginnen.',
      'Het ontwerp sluit aan bij de bestaande dakkapellen in de straat en past binnen het bestemmingsplan.',
      'Ik hoor graag binnen de wettelijke termijn van acht weken van u.',
    ],
  },
  {
    subject: 'Melding van geluidsoverlast aan de {straat}',
    sentences: [
      'Sinds {datum} ondervinden wij vrijwel iedere avond geluidsoverlast van het café op de hoek van onze straat.',
      "De muziek is tot na 01.00 uur 's nachts duidelijk hoorbaar in onze slaapkamer.",
      'Wij hebben de eigenaar hier al {nr} keer op aangesproken, zonder blijvend resultaat.',
      'Ook blijven bezoekers na sluitingstijd luidruchtig op straat staan en laten zij afval achter.',
      'Wij verzoeken u te controleren of de exploitant zich houdt aan de voorwaarden van zijn vergunning.',
      'Een overzicht van de data en tijdstippen waarop wij de overlast hebben vastgesteld, is bijgevoegd.',
      'Onze kinderen van {nr} en {nr} jaar slapen hierdoor slecht en zijn overdag vermoeid.',
      'Wij zijn graag bereid een toelichting te geven tijdens een gesprek op het gemeentehuis.',
    ],
  },
  {
    subject: 'Verzoek om kwijtschelding van gemeentelijke belastingen {jaar}',
    sentences: [
      'Hierbij verzoek ik om kwijtschelding van de aanslag gemeentelijke belastingen met aanslagnummer {aanslag}.',
      'Mijn inkomen bestaat uitsluitend uit een bijstandsuitkering van € {bedrag} per maand.',
      'Door de beëindiging van mijn dienstverband per {datum} is mijn financiële situatie sterk verslechterd.',
      'Ik heb geen vermogen, geen auto en geen spaargeld.',
      'De afschriften van mijn bankrekening over de afgelopen drie maanden stuur ik mee als bijlage.',
      'Ik begrijp dat de invordering wordt opgeschort zolang mijn verzoek in behandeling is.',
      'Indien kwijtschelding niet mogelijk is, vraag ik u om een betalingsregeling in {nr} termijnen.',
      'Ik dank u bij voorbaat voor een spoedige behandeling van dit verzoek.',
    ],
  },
  {
    subject: 'Aanvraag bewonersparkeervergunning',
    sentences: [
      'Per {datum} woon ik aan de {straat} {huisnr} en ik wil graag een bewonersparkeervergunning aanvragen.',
      'Het kenteken van mijn auto is {kenteken}.',
      'Ik heb geen eigen parkeerplaats of garage bij de woning.',
      'Op de website van de gemeente staat dat de wachttijd in deze wijk ongeveer {nr} maanden is.',
      'Graag ontvang ik bericht over de kosten van de vergunning en de wijze van betaling.',
      'Een kopie van het kentekenbewijs en mijn huurovereenkomst zijn bijgevoegd.',
      'Mijn vorige vergunning voor de {straat} is per dezelfde datum beëindigd.',
      "Ik werk in ploegendienst en ben daardoor vaak 's avonds laat thuis.",
    ],
  },
  {
    subject: 'Klacht over de afvalinzameling',
    sentences: [
      'Al {nr} weken achter elkaar is de container voor groente-, fruit- en tuinafval in onze straat niet geleegd.',
      'Ik heb dit op {datum} gemeld bij het klantcontactcentrum, maar er is niets veranderd.',
      'Het afval begint te stinken en trekt ratten en meeuwen aan.',
      'Bovendien betaal ik jaarlijks € {bedrag} afvalstoffenheffing voor een dienst die niet wordt geleverd.',
      'Ik verzoek u de inzameling zo snel mogelijk te hervatten en mij te laten weten wat de oorzaak is.',
      'Ook vraag ik u om een gedeeltelijke teruggaaf van de heffing over deze periode.',
      'De ondergrondse container bij huisnummer {huisnr} is al maanden defect.',
      'Ik vertrouw erop dat u deze klacht serieus neemt.',
    ],
  },
  {
    subject: 'Factuur {factuur} voor uitgevoerde werkzaamheden',
    business: true,
    sentences: [
      'Hierbij ontvangt u de factuur voor de werkzaamheden die wij in opdracht van uw afdeling Openbare Ruimte hebben uitgevoerd.',
      'Het betreft het herstel van {nr} lantaarnpalen en het vervangen van de bestrating aan de {straat}.',
      'Het totaalbedrag van € {bedrag} inclusief btw dient binnen 30 dagen na dagtekening te worden voldaan.',
      'De werkzaamheden zijn uitgevoerd van {periode} volgens de afspraken in de raamovereenkomst.',
      'Wij verzoeken u bij betaling het factuurnummer te vermelden.',
      'Voor vragen over deze factuur kunt u contact opnemen met onze administratie.',
      'Een specificatie van de gewerkte uren en de gebruikte materialen is bijgevoegd.',
      'Wij danken u voor de prettige samenwerking en zien uw betaling graag tegemoet.',
    ],
  },
  {
    subject: 'Verzoek op grond van de Wet open overheid',
    sentences: [
      'Op grond van de Wet open overheid verzoek ik u om openbaarmaking van alle documenten over de herinrichting van de {straat}.',
      'Het gaat om documenten uit de periode van 1 januari {jaar} tot en met heden.',
      'Ik denk daarbij aan verslagen van overleggen, e-mails, notities en adviezen van externe bureaus.',
      'Ik verzoek u de documenten bij voorkeur digitaal en in doorzoekbare vorm te verstrekken.',
      'Mocht een deel van de informatie niet openbaar kunnen worden gemaakt, dan verzoek ik u dit per document te motiveren.',
      'Ik wijs u erop dat u binnen vier weken op dit verzoek dient te beslissen.',
      'Het verzoek heeft ook betrekking op de ongeveer {nr} vergaderingen van de stuurgroep.',
      'Graag ontvang ik een ontvangstbevestiging met vermelding van uw kenmerk.',
    ],
  },
];

const REPORT_TITLES = [
  'Jaarverslag Burgerzaken {jaar}',
  'Evaluatie afvalinzameling {jaar}',
  'Rapportage dienstverlening {jaar}',
  'Voortgangsrapportage digitalisering post en archief',
];
const REPORT_SECTIONS = [
  'Inleiding',
  'Dienstverlening',
  'Cijfers en trends',
  'Financiën',
  'Organisatie',
  'Vooruitblik',
  'Archief en informatiebeheer',
  'Participatie',
];
const REPORT_SENTENCES = [
  'In {jaar} heeft de afdeling {groot} aanvragen voor een paspoort of identiteitskaart in behandeling genomen.',
  'Dat is een stijging van {pct} procent ten opzichte van het jaar daarvoor.',
  'De gemiddelde wachttijd aan de balie bedroeg {nr} minuten, ruim binnen de norm van twintig minuten.',
  'Het aantal meldingen openbare ruimte steeg naar {groot}, vooral door klachten over zwerfafval en kapotte straatverlichting.',
  'De reële kosten per inwoner liggen met € {bedrag} iets hoger dan begroot.',
  'Uit de enquête blijkt dat {pct} procent van de inwoners tevreden of zeer tevreden is over de dienstverlening.',
  'Inwoners waarderen vooral de vriendelijkheid van de medewerkers en de duidelijke uitleg.',
  'Minder tevreden zijn zij over de telefonische bereikbaarheid tussen 12.00 en 14.00 uur.',
  'De digitale dienstverlening is verder uitgebreid met {nr} nieuwe e-formulieren.',
  'Het percentage aanvragen dat volledig digitaal wordt afgehandeld, kwam uit op {pct} procent.',
  'Voor de komende periode ligt de nadruk op het verkorten van de doorlooptijd van vergunningen.',
  'Daarnaast wordt geïnvesteerd in de opleiding van medewerkers op het gebied van informatiebeveiliging.',
  'Het ziekteverzuim binnen de afdeling daalde van {verzuim} procent.',
  'De samenwerking met de buurgemeenten in de regio is in {jaar} geëvalueerd en positief beoordeeld.',
  'Een belangrijk aandachtspunt blijft de archivering van digitale documenten volgens de Archiefwet.',
  'Alle inkomende post wordt sinds {datum} gescand en direct gekoppeld aan de juiste zaak.',
  'Hierdoor is de gemiddelde behandeltijd van een brief teruggebracht van {nr} naar {nr} werkdagen.',
  'De kosten van het project bleven met € {bedrag} binnen het beschikbare budget.',
  'In de tweede helft van het jaar zijn {nr} bijeenkomsten met bewoners georganiseerd in de wijkcentra.',
  'Het college heeft besloten de proef met een mobiel loket in de kleine kernen voort te zetten.',
  'Tijdens de zomermaanden waren de openingstijden beperkt in verband met de vakantieperiode.',
  'Het aantal huwelijken en geregistreerde partnerschappen bleef met {nr} vrijwel gelijk.',
  'De ideeën van de jongerenraad zijn meegenomen in het nieuwe beleidsplan voor de openbare ruimte.',
  'Bij {pct} procent van de zaken werd de wettelijke beslistermijn niet gehaald.',
  'De belangrijkste oorzaak was een tijdelijk tekort aan ervaren behandelaars.',
  'Om de achterstand in te lopen zijn {nr} medewerkers tijdelijk ingehuurd.',
  'Het scannen van papieren post gebeurt op 300 ppi in kleur, zodat ook stempels en handtekeningen leesbaar blijven.',
  'Na controle door een tweede medewerker worden de originelen na zes maanden vernietigd.',
  'De vervangingsbeslissing is in {jaar} door het college vastgesteld en gepubliceerd in het gemeenteblad.',
  'Per week komen gemiddeld {groot} poststukken binnen, waarvan een kwart per aangetekende post.',
  'De zaaknummers worden automatisch herkend, waardoor minder handmatig werk nodig is.',
  'Bij twijfel over de juiste zaak beslist de coördinator van de postkamer.',
  'Financieel sluit het jaar af met een voordelig saldo van € {bedrag}.',
  'Dit voordeel wordt grotendeels verklaard door lagere kosten voor drukwerk en porto.',
  'De raad wordt in het voorjaar van {jaar} geïnformeerd over de resultaten van de evaluatie.',
  'Ook de komende jaren blijft een goede en bereikbare dienstverlening het uitgangspunt.',
];

const SALUTATIONS = ['Geachte heer, mevrouw,', 'Geacht college,', 'Geachte heer of mevrouw,'];
const CLOSINGS = ['Met vriendelijke groet,', 'Hoogachtend,', 'Met vriendelijke groeten,'];

// ---------------------------------------------------------------------------------------------
// Identifiers

const POSTCODE_LETTERS = 'ABCDEGHJKLMNPRSTVWXZ';

function postcode(rng: Rng): string {
  let letters: string;
  do {
    letters = rng.pick([...POSTCODE_LETTERS]) + rng.pick([...POSTCODE_LETTERS]);
  } while (letters === 'SA' || letters === 'SD' || letters === 'SS');
  return `${rng.int(1000, 9999)} ${letters}`;
}

/** A 9-digit number that passes the BSN 11-proef (weights 9..2 and −1). */
export function makeBsn(rng: { int(min: number, max: number): number }): string {
  for (;;) {
    const d = [rng.int(1, 6)];
    for (let i = 1; i < 8; i++) d.push(rng.int(0, 9));
    const sum = d.reduce((acc, digit, i) => acc + digit * (9 - i), 0);
    const last = sum % 11;
    if (last < 10) return [...d, last].join('');
  }
}

/** A Dutch IBAN with a correct ISO 13616 check (mod 97), electronic form without spaces. */
export function makeIban(rng: Rng): string {
  const bank = rng.pick(['ABNA', 'INGB', 'RABO', 'SNSB', 'TRIO', 'ASNB']);
  let account = '';
  for (let i = 0; i < 10; i++) account += String(i === 0 ? rng.int(1, 9) : rng.int(0, 9));
  const check = 98 - mod97(`${bank}${account}NL00`);
  return `NL${String(check).padStart(2, '0')}${bank}${account}`;
}

function mod97(s: string): number {
  let r = 0;
  for (const ch of s) {
    const v = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of v) r = (r * 10 + Number(digit)) % 97;
  }
  return r;
}

export function printIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

function dutchDate(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** Dutch thousands separator, independent of the ICU data Node was built with. */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function fillTemplate(template: string, rng: Rng, ctx: { date: Date; street: string }): string {
  const year = ctx.date.getUTCFullYear();
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    switch (key) {
      case 'jaar':
        return String(year - rng.int(0, 1));
      case 'periode': {
        const end = ctx.date.getTime() - rng.int(7, 40) * 86_400_000;
        return `${dutchDate(new Date(end - rng.int(3, 60) * 86_400_000))} tot en met ${dutchDate(new Date(end))}`;
      }
      case 'datum':
        return dutchDate(new Date(ctx.date.getTime() - rng.int(7, 200) * 86_400_000));
      case 'straat':
        return ctx.street;
      case 'huisnr':
        return String(rng.int(1, 180));
      case 'nr':
        return String(rng.int(2, 14));
      case 'groot':
        return thousands(rng.int(1200, 48000));
      case 'pct':
        return `${rng.int(2, 89)},${rng.int(0, 9)}`;
      case 'verzuim': {
        const from = rng.int(45, 90);
        return `${Math.floor(from / 10)},${from % 10} naar ${Math.floor((from - rng.int(5, 30)) / 10)},${rng.int(0, 9)}`;
      }
      case 'week':
        return String(rng.int(2, 50));
      case 'bedrag': {
        const euros = rng.int(45, 485_000);
        return `${thousands(euros)},${String(rng.int(0, 99)).padStart(2, '0')}`;
      }
      case 'aanslag':
        return `${rng.int(1000, 9999)}.${rng.int(100000, 999999)}`;
      case 'factuur':
        return `F${year}-${String(rng.int(1, 9999)).padStart(4, '0')}`;
      case 'kenteken': {
        const c = 'BDFGHJKLNPRSTVXZ';
        const l = () => rng.pick([...c]);
        return `${l()}${l()}-${rng.int(100, 999)}-${l()}`;
      }
      default:
        throw new Error(`letters: unknown placeholder {${key}}`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Content

interface LetterContent {
  fields: LetterFields;
  /** a company's invoice-style letter (letterhead, KvK) rather than a citizen's */
  business: boolean;
  municipality: string;
  department: string;
  postbus: string;
  municipalityPostcode: string;
  salutation: string;
  closing: string;
  signer: string;
  signerRole?: string;
  family: 'Helvetica' | 'Times';
  sizes: number[];
  /** extra paragraphs available when the generated body is used */
  generatedBody: boolean;
}

function letterContent(seed: number, overrides: Partial<LetterFields> = {}): LetterContent {
  const rng = new Rng(seed);
  const topic = rng.pick(TOPICS);
  const business = topic.business === true;
  const person = `${rng.pick(FIRST_NAMES)} ${rng.pick(SURNAMES)}`;
  const company = rng.pick(COMPANIES);
  const municipality = rng.pick(CITIES);
  const senderCity = rng.chance(0.75) ? municipality : rng.pick(CITIES);
  const date = new Date(Date.UTC(2025, 0, 1) + rng.int(0, 729) * 86_400_000);
  const street = rng.pick(STREETS);
  const ctx = { date, street };

  const year = date.getUTCFullYear();
  const generated: LetterFields = {
    senderName: business ? company : person,
    senderStreet: `${rng.pick(STREETS)} ${rng.int(1, 220)}${rng.chance(0.2) ? rng.pick(['a', 'b', '-1', '-II']) : ''}`,
    senderPostcode: postcode(rng),
    senderCity,
    date: dutchDate(date),
    subject: fillTemplate(topic.subject, rng, ctx),
    body: [],
  };
  if (rng.chance(0.7)) generated.zaaknummer = `ZAAK-${year}-${String(rng.int(1, 99999)).padStart(10, '0')}`;
  if (rng.chance(0.6)) generated.uwKenmerk = `${year}-${String(rng.int(1, 999999)).padStart(6, '0')}`;
  if (rng.chance(0.6)) {
    generated.onsKenmerk = business
      ? `${company.slice(0, 2).toUpperCase()}/${year}/${rng.int(100, 9999)}`
      : `${initials(person)}-${year}-${String(rng.int(1, 99)).padStart(2, '0')}`;
  }
  if (!business && rng.chance(0.5)) generated.bsn = makeBsn(rng);
  if (business || rng.chance(0.3)) generated.iban = makeIban(rng);
  if (business) generated.kvk = String(rng.int(10_000_000, 99_999_999));

  const fields: LetterFields = { ...generated };
  for (const key of Object.keys(overrides) as (keyof LetterFields)[]) {
    (fields as unknown as Record<string, unknown>)[key] = overrides[key];
  }

  const generatedBody = !('body' in overrides);
  if (generatedBody) {
    // Corpus order reads as an argument (opening first); vary which sentences appear, not their order.
    const [opening, ...rest] = topic.sentences;
    const keep = new Set(rng.shuffle(rest.map((_s, i) => i)).slice(0, rng.int(4, rest.length)));
    const sentences = [opening!, ...rest.filter((_s, i) => keep.has(i))];
    const paragraphCount = rng.int(2, 4);
    const body: string[] = [];
    let at = 0;
    for (let p = 0; p < paragraphCount; p++) {
      const n = rng.int(2, 3);
      const chosen = sentences.slice(at, at + n).map((s) => fillTemplate(s, rng, ctx));
      at += n;
      if (chosen.length > 0) body.push(chosen.join(' '));
    }
    fields.body = body;
  } else {
    fields.body = [...(overrides.body ?? [])];
  }
  const ids = identifierSentences(fields, business, rng);
  if (ids.length > 0) {
    // Into the first paragraph when we wrote the body, as citizens do; otherwise a paragraph of its own.
    if (generatedBody && fields.body.length > 0) fields.body[0] = `${fields.body[0]} ${ids.join(' ')}`;
    else fields.body.push(ids.join(' '));
  }

  return {
    fields,
    business,
    municipality,
    department: rng.pick(DEPARTMENTS),
    postbus: `Postbus ${rng.int(10, 9999)}`,
    municipalityPostcode: postcode(rng),
    salutation: rng.pick(SALUTATIONS),
    closing: rng.pick(CLOSINGS),
    signer: business ? person : fields.senderName,
    signerRole: business ? rng.pick(['Financiële administratie', 'Directie', 'Projectleider']) : undefined,
    family: rng.chance(0.5) ? 'Helvetica' : 'Times',
    sizes: [rng.pick([10.5, 11, 11.5, 12]), 10.5, 10, 9.5, 9],
    generatedBody,
  };
}

function identifierSentences(fields: LetterFields, business: boolean, rng: Rng): string[] {
  const out: string[] = [];
  if (fields.bsn) {
    out.push(rng.chance(0.5) ? `Mijn burgerservicenummer is ${fields.bsn}.` : `Voor de volledigheid vermeld ik mijn BSN: ${fields.bsn}.`);
  }
  if (fields.iban) {
    out.push(
      business
        ? `Wij verzoeken u het bedrag over te maken op rekeningnummer ${printIban(fields.iban)} ten name van ${sentenceEnd(fields.senderName)}`
        : `Een eventuele terugbetaling kunt u overmaken naar ${printIban(fields.iban)} ten name van ${sentenceEnd(fields.senderName)}`,
    );
  }
  return out;
}

/** "B.V." ends a sentence without a second full stop. */
function sentenceEnd(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}

function initials(name: string): string {
  return name
    .split(' ')
    .filter((w) => /^[A-ZÖ]/.test(w))
    .map((w) => w[0])
    .join('');
}

// ---------------------------------------------------------------------------------------------
// Typesetting

const A4: [number, number] = [595.28, 841.89];

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  sans: PDFFont;
  sansBold: PDFFont;
}

interface PlacedLine {
  text: string;
  x: number;
  y: number;
  size: number;
  font: PDFFont;
  colour?: [number, number, number];
}

function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  // A currency sign stays with its amount, as a typesetter would keep it.
  const words: string[] = [];
  for (const w of text.split(/\s+/).filter(Boolean)) {
    if (words.length > 0 && words[words.length - 1] === '€') words[words.length - 1] += ` ${w}`;
    else words.push(w);
  }
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

async function embedFonts(doc: PDFDocument, family: 'Helvetica' | 'Times'): Promise<Fonts> {
  const sans = await doc.embedFont(StandardFonts.Helvetica);
  const sansBold = await doc.embedFont(StandardFonts.HelveticaBold);
  if (family === 'Helvetica') return { regular: sans, bold: sansBold, sans, sansBold };
  return {
    regular: await doc.embedFont(StandardFonts.TimesRoman),
    bold: await doc.embedFont(StandardFonts.TimesRomanBold),
    sans,
    sansBold,
  };
}

function layoutLetter(c: LetterContent, fonts: Fonts, size: number): { lines: PlacedLine[]; fits: boolean } {
  const f = c.fields;
  const lines: PlacedLine[] = [];
  const left = 70;
  const width = A4[0] - left - 65;
  const lead = size * 1.32;
  let y = A4[1] - 62;
  const put = (text: string, font = fonts.regular, s = size, colour?: [number, number, number]) => {
    lines.push({ text, x: left, y, size: s, font, colour });
    y -= s === size ? lead : s * 1.3;
  };

  // Sender block or letterhead.
  if (c.business) {
    put(f.senderName, fonts.sansBold, 16, [0.08, 0.24, 0.55]);
    y -= 4;
    put(`${f.senderStreet}`, fonts.sans, 9);
    put(`${f.senderPostcode}  ${f.senderCity}`, fonts.sans, 9);
    if (f.kvk) put(`KvK ${f.kvk}`, fonts.sans, 9);
  } else {
    put(f.senderName);
    put(f.senderStreet);
    put(`${f.senderPostcode}  ${f.senderCity}`);
  }

  // Addressee: at the window-envelope height, or below the sender block if that is longer.
  y = Math.min(y - lead, A4[1] - 175);
  put(`Gemeente ${c.municipality}`);
  put(c.department);
  put(c.postbus);
  put(`${c.municipalityPostcode}  ${c.municipality.toUpperCase()}`);

  y -= lead * 1.5;
  put(`${f.senderCity}, ${f.date}`);
  y -= lead * 0.5;
  if (f.uwKenmerk) put(`Uw kenmerk: ${f.uwKenmerk}`);
  if (f.onsKenmerk) put(`Ons kenmerk: ${f.onsKenmerk}`);
  if (f.zaaknummer) put(`Zaaknummer: ${f.zaaknummer}`);
  y -= lead * 0.5;
  for (const l of wrap(`Betreft: ${f.subject}`, fonts.bold, size, width)) put(l, fonts.bold);
  y -= lead;
  put(c.salutation);
  y -= lead * 0.5;
  for (const paragraph of f.body) {
    for (const l of wrap(paragraph, fonts.regular, size, width)) put(l);
    y -= lead * 0.5;
  }
  y -= lead * 0.5;
  put(c.closing);
  y -= lead * 2.5;
  put(c.signer);
  if (c.signerRole) put(c.signerRole);
  if (c.business) put(f.senderName);
  return { lines, fits: y + lead >= 50 };
}

interface ReportContent {
  fields: LetterFields;
  municipality: string;
  size: number;
  /** heading and paragraph blocks in order */
  blocks: { heading?: string; paragraph?: string }[];
}

function reportContent(seed: number, overrides: Partial<LetterFields> = {}): ReportContent {
  const rng = new Rng(seed ^ 0x5eed);
  const base = letterContent(seed, {});
  const date = new Date(Date.UTC(2025, 0, 1) + rng.int(0, 729) * 86_400_000);
  const ctx = { date, street: rng.pick(STREETS) };
  const fields: LetterFields = {
    ...base.fields,
    senderName: `${base.department}, gemeente ${base.municipality}`,
    date: dutchDate(date),
    subject: fillTemplate(rng.pick(REPORT_TITLES), rng, ctx),
    body: [],
  };
  // A report prints none of a letter's identifiers.
  for (const k of ['bsn', 'iban', 'kvk', 'zaaknummer', 'uwKenmerk', 'onsKenmerk'] as const) delete fields[k];
  for (const key of Object.keys(overrides) as (keyof LetterFields)[]) {
    (fields as unknown as Record<string, unknown>)[key] = overrides[key];
  }
  const blocks: ReportContent['blocks'] = [];
  if ('body' in overrides) {
    for (const p of overrides.body ?? []) blocks.push({ paragraph: p });
  } else {
    // More than fits; layout keeps whole paragraphs while they fit.
    const sections = rng.shuffle(REPORT_SECTIONS.slice(1));
    sections.unshift(REPORT_SECTIONS[0]!);
    let pool = rng.shuffle(REPORT_SENTENCES);
    let at = 0;
    for (let s = 0; s < 8; s++) {
      blocks.push({ heading: `${s + 1}. ${sections[s % sections.length]}` });
      const paragraphs = rng.int(2, 3);
      for (let p = 0; p < paragraphs; p++) {
        const n = rng.int(3, 5);
        const out: string[] = [];
        for (let i = 0; i < n; i++) {
          if (at >= pool.length) {
            pool = rng.shuffle(REPORT_SENTENCES);
            at = 0;
          }
          out.push(fillTemplate(pool[at++]!, rng, ctx));
        }
        blocks.push({ paragraph: out.join(' ') });
      }
    }
  }
  return { fields, municipality: base.municipality, size: rng.pick([9.5, 10, 10.5]), blocks };
}

function layoutReport(c: ReportContent, fonts: Fonts): { lines: PlacedLine[]; rules: number[]; body: string[] } {
  const lines: PlacedLine[] = [];
  const margin = 56;
  let y = A4[1] - 60;
  lines.push({ text: `Gemeente ${c.municipality}`, x: margin, y, size: 10, font: fonts.sansBold, colour: [0.08, 0.24, 0.55] });
  y -= 26;
  for (const l of wrap(c.fields.subject, fonts.sansBold, 18, A4[0] - 2 * margin)) {
    lines.push({ text: l, x: margin, y, size: 18, font: fonts.sansBold });
    y -= 22;
  }
  lines.push({ text: `${c.fields.senderName}, ${c.fields.date}`, x: margin, y, size: 10, font: fonts.sans });
  y -= 10;
  const rules = [y];
  y -= 22;

  const size = c.size;
  const lead = size * 1.25;
  const gutter = 22;
  const colWidth = (A4[0] - 2 * margin - gutter) / 2;
  const top = y;
  const bottom = 70;
  let col = 0;
  const body: string[] = [];

  // A heading travels with the paragraph after it; whole units only, and a heading never ends a
  // column. Each unit is placed on a dry run first, so the page ends on a complete paragraph.
  type Unit = { heading?: string[]; paragraph: string[]; source: string };
  const units: Unit[] = [];
  let pendingHeading: string[] | undefined;
  for (const block of c.blocks) {
    if (block.heading !== undefined) {
      pendingHeading = wrap(block.heading, fonts.bold, size, colWidth);
      continue;
    }
    const paragraph = wrap(block.paragraph!, fonts.regular, size, colWidth);
    units.push({ heading: pendingHeading, paragraph, source: block.paragraph! });
    pendingHeading = undefined;
  }

  const place = (unit: Unit, dry: boolean): boolean => {
    let cy = y;
    let cc = col;
    const emit = (text: string, font: PDFFont): boolean => {
      if (cy < bottom) {
        if (cc === 1) return false;
        cc = 1;
        cy = top;
      }
      if (!dry) lines.push({ text, x: margin + cc * (colWidth + gutter), y: cy, size, font });
      cy -= lead;
      return true;
    };
    if (unit.heading) {
      const room = cy >= bottom ? Math.floor((cy - bottom) / lead) + 1 : 0;
      if (room < unit.heading.length + 2) {
        if (cc === 1) return false;
        cc = 1;
        cy = top;
      }
      for (const l of unit.heading) if (!emit(l, fonts.bold)) return false;
      cy -= lead * 0.15;
    }
    for (const l of unit.paragraph) if (!emit(l, fonts.regular)) return false;
    if (!dry) {
      y = cy - lead * 0.5;
      col = cc;
    }
    return true;
  };
  for (const unit of units) {
    if (!place(unit, true)) break;
    place(unit, false);
    body.push(unit.source);
  }
  lines.push({ text: 'Pagina 1', x: A4[0] / 2 - fonts.regular.widthOfTextAtSize('Pagina 1', 9) / 2, y: 38, size: 9, font: fonts.regular });
  return { lines, rules, body };
}

function drawLines(page: PDFPage, lines: PlacedLine[]): void {
  for (const l of lines) {
    const color = l.colour ? rgb(...l.colour) : rgb(0, 0, 0);
    // pdf.js draws the Euro of its Times substitute (FoxitSerif) wider than the Times metrics say,
    // swallowing the space after it; push what follows a little to the right so the page shows
    // the space the ground truth has.
    if (!l.font.name.startsWith('Times') || !l.text.includes('€')) {
      page.drawText(l.text, { x: l.x, y: l.y, size: l.size, font: l.font, color });
      continue;
    }
    let x = l.x;
    l.text.split(/(€)/).forEach((part) => {
      if (!part) return;
      page.drawText(part, { x, y: l.y, size: l.size, font: l.font, color });
      x += l.font.widthOfTextAtSize(part, l.size) + (part === '€' ? l.size * 0.3 : 0);
    });
  }
}

/**
 * Reading order: top to bottom, and within the report's body, left column before right column.
 * Lines are pushed in that order already; keep it.
 */
function truthOf(lines: PlacedLine[]): string {
  return lines.map((l) => l.text).join('\n');
}

export async function makeLetterPdf(opts: LetterOptions): Promise<{ pdf: Uint8Array; text: string; fields: LetterFields }> {
  const kind = opts.kind ?? 'letter';
  const doc = await PDFDocument.create({ updateMetadata: false });
  // Fixed metadata: identical bytes for identical input.
  const fixed = new Date(Date.UTC(2026, 0, 1));
  doc.setProducer('Postkamer test letters');
  doc.setCreationDate(fixed);
  doc.setModificationDate(fixed);
  const page = doc.addPage(A4);

  if (kind === 'report') {
    const c = reportContent(opts.seed, opts.fields);
    const fonts = await embedFonts(doc, 'Times');
    const { lines, rules, body } = layoutReport(c, fonts);
    for (const ry of rules) {
      page.drawLine({ start: { x: 56, y: ry }, end: { x: A4[0] - 56, y: ry }, thickness: 1.2, color: rgb(0.08, 0.24, 0.55) });
    }
    drawLines(page, lines);
    doc.setTitle(c.fields.subject);
    const fields = { ...c.fields, body };
    return { pdf: await doc.save(), text: truthOf(lines), fields };
  }

  const c = letterContent(opts.seed, opts.fields);
  const fonts = await embedFonts(doc, c.family);
  let result = layoutLetter(c, fonts, c.sizes[0]!);
  for (const size of c.sizes.slice(1)) {
    if (result.fits) break;
    result = layoutLetter(c, fonts, size);
  }
  // Only our own generated text may be shortened to fit; a caller's body is never cut silently.
  while (!result.fits && c.generatedBody && c.fields.body.length > 1) {
    c.fields.body.pop();
    result = layoutLetter(c, fonts, c.sizes[c.sizes.length - 1]!);
  }
  if (!result.fits) throw new Error('letters: the letter does not fit on one A4 page');
  if (c.business) {
    const ruleY = result.lines[0]!.y - 8;
    page.drawLine({ start: { x: 70, y: ruleY }, end: { x: A4[0] - 65, y: ruleY }, thickness: 1.5, color: rgb(0.08, 0.24, 0.55) });
  }
  drawLines(page, result.lines);
  doc.setTitle(c.fields.subject);
  return { pdf: await doc.save(), text: truthOf(result.lines), fields: c.fields };
}

// ---------------------------------------------------------------------------------------------
// Rendering (pdf.js in Node; no network, fonts from the package's standard_fonts/)

const require = createRequire(import.meta.url);
const standardFontDataUrl = path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + path.sep;

interface Raster {
  data: Buffer; // RGB
  width: number;
  height: number;
}

async function rasterise(pdf: Uint8Array, dpi: number): Promise<Raster> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { createCanvas } = await import('@napi-rs/canvas');
  // pdf.js takes ownership of (detaches) the buffer it is given; hand it a copy.
  const task = pdfjs.getDocument({
    data: new Uint8Array(pdf),
    standardFontDataUrl,
    // Without FontFace in Node, glyphs must be drawn as paths or they render as boxes.
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  });
  const doc = await task.promise;
  try {
    const page = await doc.getPage(1);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const width = Math.round(viewport.width);
    const height = Math.round(viewport.height);
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    // @napi-rs/canvas stands in for the DOM canvas pdf.js is typed against.
    const params = { canvasContext: ctx, canvas, viewport } as unknown as Parameters<typeof page.render>[0];
    await page.render(params).promise;
    const rgba = ctx.getImageData(0, 0, width, height).data;
    const data = Buffer.alloc(width * height * 3);
    for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
      data[j] = rgba[i]!;
      data[j + 1] = rgba[i + 1]!;
      data[j + 2] = rgba[i + 2]!;
    }
    return { data, width, height };
  } finally {
    await doc.destroy();
  }
}

// Rendering is the slow step (~0.6 s per 300-ppi page); callers often ask for several variants of
// one letter in a row, so keep the last couple of rasters.
const rasterCache = new Map<string, Promise<{ raster: Raster; text: string }>>();

function renderCached(opts: LetterOptions, kind: LetterKind, dpi: number): Promise<{ raster: Raster; text: string }> {
  const key = JSON.stringify([opts.seed, kind, opts.fields ?? null, dpi]);
  const hit = rasterCache.get(key);
  if (hit) return hit;
  const made = (async () => {
    const { pdf, text } = await makeLetterPdf({ seed: opts.seed, kind, fields: opts.fields });
    return { raster: await rasterise(pdf, dpi), text };
  })();
  rasterCache.set(key, made);
  made.catch(() => rasterCache.delete(key));
  while (rasterCache.size > 2) rasterCache.delete(rasterCache.keys().next().value!);
  return made;
}

/** Insert a pHYs chunk (pixels per metre) right after IHDR. */
function withPngDensity(png: Buffer, dpi: number): Buffer {
  const ihdrEnd = 8 + 8 + 13 + 4;
  const ppm = Math.round(dpi / 0.0254);
  const chunk = Buffer.alloc(4 + 4 + 9 + 4);
  chunk.writeUInt32BE(9, 0);
  chunk.write('pHYs', 4, 'latin1');
  chunk.writeUInt32BE(ppm, 8);
  chunk.writeUInt32BE(ppm, 12);
  chunk.writeUInt8(1, 16);
  chunk.writeUInt32BE(zlib.crc32(chunk.subarray(4, 17)), 17);
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}

function rawImage(r: Raster, channels: 1 | 3 = 3) {
  return sharp(r.data, { raw: { width: r.width, height: r.height, channels } });
}

export async function renderLetterPage(opts: LetterOptions & { variant: LetterVariant }): Promise<GeneratedPage> {
  const variant = opts.variant;
  const kind: LetterKind = variant === 'report' ? 'report' : (opts.kind ?? 'letter');
  const dpi = variant === 'fax-200-bilevel' ? 200 : 300;
  const { raster, text } = await renderCached(opts, kind, dpi);
  const density = { density: dpi };
  const rng = new Rng(opts.seed ^ 0x0ddba11);

  switch (variant) {
    case 'clean':
    case 'report': {
      const png = await rawImage(raster).withMetadata(density).png().toBuffer();
      return { png, width: raster.width, height: raster.height, dpi, text, variant };
    }
    case 'skew+3':
    case 'skew-3': {
      const angle = variant === 'skew+3' ? 3 : -3;
      const rotated = await rawImage(raster)
        .rotate(angle, { background: { r: 255, g: 255, b: 255 } })
        .raw()
        .toBuffer({ resolveWithObject: true });
      const left = Math.floor((rotated.info.width - raster.width) / 2);
      const top = Math.floor((rotated.info.height - raster.height) / 2);
      const png = await sharp(rotated.data, { raw: { width: rotated.info.width, height: rotated.info.height, channels: 3 } })
        .extract({ left, top, width: raster.width, height: raster.height })
        .withMetadata(density)
        .png()
        .toBuffer();
      return { png, width: raster.width, height: raster.height, dpi, text, variant };
    }
    case 'upside-down':
    case 'sideways': {
      const angle = variant === 'upside-down' ? 180 : 90;
      const png = await rawImage(raster).rotate(angle).withMetadata(density).png().toBuffer();
      const swap = angle === 90;
      return {
        png,
        width: swap ? raster.height : raster.width,
        height: swap ? raster.width : raster.height,
        dpi,
        text,
        variant,
      };
    }
    case 'noisy-jpeg': {
      const noisy = Buffer.from(raster.data);
      for (let i = 0; i < noisy.length; i += 3) {
        const n = rng.gaussian() * 12;
        for (let k = 0; k < 3; k++) {
          const v = noisy[i + k]! + n;
          noisy[i + k] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
        }
      }
      const jpeg = await sharp(noisy, { raw: { width: raster.width, height: raster.height, channels: 3 } })
        .blur(0.8)
        .withMetadata(density)
        .jpeg({ quality: 35, mozjpeg: false })
        .toBuffer();
      const png = await sharp(jpeg).withMetadata(density).png().toBuffer();
      return { png, jpeg, width: raster.width, height: raster.height, dpi, text, variant };
    }
    case 'fax-200-bilevel': {
      const { width, height } = raster;
      const bw = Buffer.alloc(width * height);
      for (let p = 0, i = 0; p < bw.length; p++, i += 3) {
        const grey = 0.299 * raster.data[i]! + 0.587 * raster.data[i + 1]! + 0.114 * raster.data[i + 2]!;
        bw[p] = grey < 128 ? 0 : 255;
      }
      // Speckle: isolated black dots and a few 2×2 specks, as on a dusty fax glass.
      const specks = Math.round(width * height * 0.0004);
      for (let s = 0; s < specks; s++) {
        const x = rng.int(0, width - 2);
        const yy = rng.int(0, height - 2);
        bw[yy * width + x] = 0;
        if (rng.chance(0.15)) {
          bw[yy * width + x + 1] = 0;
          bw[(yy + 1) * width + x] = 0;
          bw[(yy + 1) * width + x + 1] = 0;
        }
      }
      const img = () => sharp(bw, { raw: { width, height, channels: 1 } }).toColourspace('b-w');
      // colours: 2 without a palette = 1-bit greyscale PNG. withMetadata() would add an sRGB
      // profile (turning the PNG into a palette image) and make the G4 TIFF fail, so the
      // resolution is written by hand (pHYs) and through xres/yres.
      const png = withPngDensity(await img().png({ colours: 2, palette: false }).toBuffer(), dpi);
      const tiff = await img()
        .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: dpi / 25.4, yres: dpi / 25.4 })
        .toBuffer();
      return { png, tiff, width, height, dpi, text, variant };
    }
  }
}
