// What `postkamer --help` prints: every command with its options, in Dutch.
import { SYNC_HELP } from './sync-commands';
import { EDIT_HELP } from './edit-command';
import { PEOPLE_HELP } from './people-commands';
import { QC_HELP } from './qc-commands';

export const HELP = `postkamer — documentverwerking voor de postkamer

Gebruik: postkamer <opdracht> [opties]

Opdrachten:
  init                         nieuwe versleutelde opslag aanmaken, met de eerste beheerder
  ingest <paden…> [--json]     bestanden of mappen (recursief) inlezen in een nieuwe batch
  documents [--json]           alle documenten tonen (--limit <n>, --offset <n>: een deel)
  search <zoekterm> [--json]   zoeken in de tekst van documenten (een BSN: met --reden <tekst>; archivaris, teamleider)
  text <id>                    herkende tekst van een document (BSN gemaskeerd)
  pdf <id> --out <bestand>     PDF/A van een document opslaan (--original: het originele bestand)
  rejected [--json]            geweigerde bestanden (met reden; in quarantaine bewaard waar mogelijk)
  status [--json]              toestand van de opslag
  scan --escl <url>|--sane <apparaat> [--profile <naam>]   scannen in een nieuwe batch
  watch <map> [--profile <naam>] [--stable-ms <ms>] [--grace-ms <ms>]   een map bewaken (scan-naar-map); verwerkt/ en
                               mislukt/. Alleen hele bestanden: grootte en tijd --stable-ms stil (standaard 10000) en
                               het formaat compleet; een onvolledig bestand wacht --grace-ms (standaard 600000) op de rest
  separator [--zaaknummer <Z>] [--documenttype <naam>] --out <bestand.pdf>   scheidingsblad maken
  profiles [--json]            scanprofielen tonen
  web [--port <p>]             de web-harnas starten (UI in een browser, alleen 127.0.0.1)
  zgw-server --port <p>        test-zaaksysteem starten (alleen voor tests en demo)
  report --from <JJJJ-MM-DD> --to <JJJJ-MM-DD> --format csv|pdf --out <bestand>   periodeverslag (teamleider, beheerder)
  export mdto (--zaaknummer <Z> | --batch <id> | --from <JJJJ-MM-DD> --to <JJJJ-MM-DD>) --out <map> [--archiefvormer <naam>]
                               geleverde documenten met MDTO-metagegevens voor het e-depot (archivaris); een document
                               waarvan de zaak nog geen resultaat heeft wordt overgeslagen (genoemd, exitcode 2)

${EDIT_HELP}${SYNC_HELP}${PEOPLE_HELP}${QC_HELP}
Algemene opties:
  --help, -h                   deze hulp (ook na een opdracht)
  --version                    versie van postkamer
  --data <map>                 opslagmap (standaard: de map van de app; ook POSTKAMER_DATA)
  --user <login>               als deze persoon (ook POSTKAMER_USER; pincode uit POSTKAMER_PIN of gevraagd)
  POSTKAMER_PASSPHRASE         wachtwoord van de opslag (anders wordt erom gevraagd)
`;
