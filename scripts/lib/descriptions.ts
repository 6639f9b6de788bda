/**
 * Free-text descriptions of initiatives, in the words of the examples the bijlage itself gives in 2.4
 * per category. Accents (é, ë, ï), commas and quotes are deliberate: they make the CSV and PDF
 * encoding tests mean something.
 */
import type { Random } from "./random.ts";

const PHRASES: Record<string, string[]> = {
  inspraak_participatie: [
    "oprichting van een adviesraad met de doelgroep",
    "interculturaliseren van de adviesraden",
    "meer en betere inspraak van etnisch-culturele minderheden",
    "betere uitwisseling met de allochtone zelforganisaties",
    "ontmoeting en dialoog in de wijk stimuleren",
    "samenleven in diversiteit: een buurtfeest met café-avond",
    "overlegplatform met zelforganisaties, twee keer per jaar",
    "sociale cohesie versterken via een ideeënbus per wijk",
  ],
  dienstverlening: [
    "dienstverlening interculturaliseren",
    "toegankelijkheid van het onthaal verhogen",
    "brochures in eenvoudige taal opstellen",
    "dienstverlening screenen op drempels",
    "tolken en intercultureel bemiddelaars inzetten bij het loket",
    "optimalisering van de hulpverlening aan nieuwkomers",
  ],
  onderwijs: [
    "huiswerkbegeleiding",
    "ouderbetrokkenheid in de basisschool versterken",
    "kleuterparticipatie verhogen",
    "spijbelgedrag aanpakken, samen met de scholen",
    "taalstimulering in het flankerend onderwijsbeleid",
    "inloopklassen voor anderstaligen op middelbaar niveau",
    "huiswerkklassen in het sociaal huis",
  ],
  personeelsbeleid: [
    "diversiteitsplan opmaken",
    "aandacht voor diversiteit in vormingen en examens voor leidinggevenden",
    "het personeel als afspiegeling van de bevolking",
    "nieuwe verspreidingskanalen voor jobadvertenties zoeken",
    "vacatures in eenvoudige taal opstellen",
    "peter- en mentorschap voor nieuwe medewerkers",
    "diversiteit bespreken in functioneringsgesprekken",
  ],
  werk: [
    "taallessen op de werkvloer organiseren",
    "werkervaring in het kader van artikel 60",
    "instroom in sociale tewerkstelling bewerkstelligen",
    "werkgevers sensibiliseren om allochtonen in dienst te nemen",
    "een jobbeurs organiseren",
  ],
  lokaal_opvanginitiatief: [
    "uitbouw van het lokaal opvanginitiatief (LOI)",
    "een goede relatie met de buurt van het LOI onderhouden",
    "aanbod vrijetijdsactiviteiten voor bewoners van het LOI",
  ],
  wonen: [
    "toegang tot de reguliere huurmarkt verbeteren",
    "integratie van allochtonen in sociale woonwijken",
    "obstakels in de toegang tot huisvesting wegwerken",
  ],
  ouderen: [
    "seniorenzorg interculturaliseren",
    "dienstverlening aan allochtone ouderen optimaliseren",
    "toegankelijkheid van ouderenvoorzieningen onderzoeken",
  ],
  cultuur_jeugd_sport: [
    "participatie van allochtonen aan cultuur verhogen",
    "jeugdwerk toegankelijker maken",
    "sportactiviteiten voor alle buurtbewoners",
    'wijkfestival "Eén stad, veel culturen"',
    "bibliotheek met een aanbod in meerdere talen",
  ],
  sensibiliseren: [
    "de werking doorlichten op diversiteit",
    "werkgroep oprichten om intern te sensibiliseren",
    "een intern draagvlak voor een diversiteitsbeleid creëren",
    "vorming over geïntegreerd diversiteitsbeleid voor alle diensten",
  ],
  beleidsplanning: [
    "opmaak van een stappenplan etnisch-culturele diversiteit",
    "opmaak van het meerjarenplan minderhedenbeleid",
    "uitvoering van het lokaal minderhedenbeleidsplan",
    "opdracht en rol van de coördinerende dienst scherpstellen",
  ],
  taalstimulering: [
    "bestrijding van taalachterstand",
    "taallessen Nederlands voor cliënten",
    "babbelmomenten in het sociaal huis",
  ],
  inburgering_integratie: [
    "oprichting van een integratieraad",
    "het inburgeringsbeleid uitstippelen",
    "samenwerking met het onthaalbureau inburgering",
  ],
  specifiek: [
    "project rond eergerelateerd geweld",
    "ondersteuning van woonwagenbewoners",
    "begraafplaats met een islamitisch perceel",
    "werking rond Roma-gezinnen",
  ],
};

export function describe(rng: Random, category: string): string {
  const phrases = PHRASES[category];
  if (!phrases) throw new Error(`no descriptions for initiative category "${category}"`);
  return rng.pick(phrases);
}
