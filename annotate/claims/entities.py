"""Named entities: people, organisations and places found in text and tied to canonical identities.

Identity comes from two sources:

* **Name structure**, for people. Titles are stripped ("President", "Secretary of State", "Mr."),
  names are split into given names and a surname, and names are compared through a transliteration
  key that folds common spelling variants ("Maxim"/"Maksim", "Josef"/"Joseph", "Litvinoff"/"Litvinov",
  "Troyanovsky"/"Troianovskii"). Two names agree when their surnames' keys are equal and their given
  names do not contradict each other: initials match full names ("Franklin D." ~ "Franklin Delano"),
  a missing middle name is no contradiction ("Franklin Roosevelt"), a different first name is
  ("Theodore Roosevelt"). A surname alone ("Roosevelt", "President Roosevelt") resolves to the full
  name seen in the same text or in the :class:`AliasTable` when that is unambiguous, else to the most
  recently mentioned candidate. Initials ("FDR") resolve to a known person with those initials.
* **An alias table**, for states and organisations: a small built-in table of common country and
  organisation short forms ("U.S.", "USSR", "UK", "UN"), demonyms ("the Soviets") and seats of
  government, extensible with corpus-derived names (:meth:`AliasTable.add`,
  :meth:`AliasTable.add_index_name` for index terms such as "Litvinov, Maksim Maksimovich") and
  with acronyms a text defines itself ("the Comintern (Communist International)").

Metonyms are a deliberate decision: a capital or seat of government ("Washington", "Moscow", "the
Kremlin") keeps its own identity as a place, with ``metonym_of`` naming the states it conventionally
stands for. :func:`same_entity` therefore says "Moscow" is not the Soviet Union, while
:func:`related_entities` accepts it, as it accepts historical predecessor/successor states ("Russia"
and "Soviet Union" are different entities but related). "America" is taken as the United States; a
people standing for its state ("the Soviets", "the Americans") resolves to the state itself, marked
``via=MentionKind.DEMONYM``. Adjectives ("Soviet debts", "American farmers") are not mentions.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from annotate.model import Entity, EntityType, MentionKind

__all__ = [
    "AliasTable",
    "PersonName",
    "canonical_entity",
    "find_entities",
    "names_compatible",
    "parse_person_name",
    "related_entities",
    "same_entity",
    "slug",
    "translit_key",
]


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a lexicon string."""
    return text.split()


# ---------------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower-case ASCII with accents removed and curly apostrophes straightened."""
    text = text.replace("’", "'").replace("‘", "'").replace("‐", "-").replace("–", "-")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    """The id slug of a name: ASCII lower case, runs of anything else become one hyphen.

    >>> slug("Franklin D. Roosevelt"), slug("U.S. Department of State")
    ('franklin-d-roosevelt', 'u-s-department-of-state')
    """
    value = re.sub(r"[^a-z0-9]+", "-", fold(text).replace("'", "")).strip("-")
    return value or "x"


_TRANSLIT_RULES: tuple[tuple[str, str], ...] = (
    (r"ph", "f"),
    (r"x", "ks"),
    (r"ck", "k"),
    (r"q", "k"),
    (r"tsch", "ch"),
    (r"tch", "ch"),
    (r"sch", "sh"),
    (r"cz", "ch"),
    (r"kh", "h"),
    (r"tz", "ts"),
    (r"w", "v"),
    (r"[jy]", "i"),
    (r"(.)\1+", r"\1"),
    (r"^ie", "e"),
    (r"ou", "u"),
    (r"([aeiou])i([aeiou])", r"\1\2"),
    (r"([oe])f$", r"\1v"),
)

_TRANSLIT_COMPILED = tuple((re.compile(p), r) for p, r in _TRANSLIT_RULES)


@functools.lru_cache(maxsize=16384)
def translit_key(word: str) -> str:
    """A spelling-variant key for a name word: equal keys mean "probably the same name".

    It folds the common variation of romanised names: ks/x, j/y/i, ph/f, ff/v/w at the end, kh/h,
    tch/ch, doubled letters, and -sky/-ski/-skii endings.

    >>> translit_key("Maxim") == translit_key("Maksim"), translit_key("Josef") == translit_key("Joseph")
    (True, True)
    >>> translit_key("Litvinoff") == translit_key("Litvinov"), translit_key("Stalin") == translit_key("Kennedy")
    (True, False)
    """
    w = re.sub(r"[^a-z]", "", fold(word))
    for pattern, repl in _TRANSLIT_COMPILED:
        w = pattern.sub(repl, w)
    return w


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


# ---------------------------------------------------------------------------------------------------
# Lexicons (general English name structure; nothing here is specific to any one document)
# ---------------------------------------------------------------------------------------------------

_TITLES_STRONG = """President;Vice President;Vice-President;Prime Minister;Deputy Prime Minister;Foreign Minister;
Foreign Secretary;Home Secretary;Defence Minister;Defense Minister;Finance Minister;Minister;Secretary of State;
Secretary General;Secretary-General;General Secretary;Secretary;Undersecretary;Under Secretary;Assistant Secretary;
Ambassador;Envoy;Consul;Senator;Sen.;Representative;Rep.;Congressman;Congresswoman;Governor;Gov.;Mayor;Chancellor;
Premier;King;Queen;Prince;Princess;Emperor;Empress;Tsar;Czar;Tsarina;Czarina;Kaiser;Sultan;Shah;Pope;Cardinal;
Archbishop;Bishop;Reverend;Rev.;Rabbi;Imam;Sheikh;Mr.;Mr;Mrs.;Mrs;Ms.;Ms;Miss;Dr.;Dr;Prof.;Professor;Sir;Dame;
Comrade;Commissar;People's Commissar;Chairman;Chairwoman;Marshal;Field Marshal;Gen.;Admiral;Adm.;Colonel;Col.;
Captain;Capt.;Lieutenant;Lt.;Sergeant;Sgt.;Chief Justice;Attorney General;Speaker;Dictator;Generalissimo;Führer;
Duce;Ayatollah;Patriarch;Metropolitan;Chief;Commander;Director;Foreign Commissar"""
# Titles that are also common first words of organisation names ("General Electric"): they make a
# person only before two name words or a surname already known.
_TITLES_WEAK = "General;Major;Judge;Justice;Lord;Lady;Father;Brother;Sister;Saint;Count;Duke;Baron;Earl"
# "Secretary of State", "Minister of Foreign Affairs": the words an "of" title takes.
_DEPARTMENTS = """State;the Treasury;Treasury;Defense;Defence;War;the Navy;Navy;the Interior;Interior;Commerce;Labor;
Labour;Agriculture;Foreign Affairs;Home Affairs;Internal Affairs;External Affairs;Justice;Finance;Education;Health;
Energy;Transportation;Housing;the Army;the Air Force;Homeland Security;Veterans Affairs;the Exchequer;
Trade;Industry;Culture;the Colonies"""
_PARTICLES = frozenset(_words("de da di du del della der den van von la le y bin ibn al el ben dos das st"))
_SUFFIXES = frozenset(_words("jr jr. sr sr. ii iii iv v"))
_NAME_CONNECTORS = frozenset(_words("of the de da di du del della der den van von la le bin ibn al el ben for"))

_GIVEN_NAMES = """aaron abraham adam adolf adolph agnes alan albert alberto aldo aleksandr aleksei alex alexander
alexandra alexei alexis alfred alfredo ali alice alicia allen amanda amy ana anastasia anatoly andre andrea andreas
andrei andrew andrey andy angela angelo ann anna anne annie anthony anton antonio arnold arthur ashley audrey august
augustus barbara barack barry beatrice ben benedict benito benjamin bernard betty bill billy bob bobby bohdan boris
brandon brenda brian bruce bruno carl carla carlo carlos carol caroline catherine cecil cesar charles charlotte chiang
chris christian christina christine christopher clara clare claude clement clifford cordell craig cyril cyrus daniel
david dean deborah denis dennis diana diane dmitri dmitry dolores dominic donald donna dorothy douglas dwight earl
edgar edith edmund eduard edward edwin eileen elaine eleanor elena elisabeth elizabeth ella ellen elliott emil emile
emily emma emmanuel enrico eric erich erik ernest ernst esther eugene eva evelyn evgeny fedor felix ferdinand fidel
florence francis francisco franco francois frank franklin franz fred frederick friedrich fyodor gamal garcia gary
george georg georges georgi georgy gerald gerhard gertrude giovanni giuseppe gloria gordon grace gregory grigory
guillermo gustav hannah hans harold harriet harry harvey heinrich helen helmut henri henry herbert herman hermann
hideki hilary hillary howard hugh hugo igor ilya imre ingrid irene iris isaac isabel ivan jack jacob jacqueline
jacques james jan jane janet jean jeffrey jennifer jerome jerry jessica jimmy joan joanna johann johannes john
jonathan jorge jose josef joseph joshua juan judith julia julian julie julius justin karen karl katherine kathleen
katie kenneth kevin kim konrad konstantin kurt lavrenty lawrence lazar leo leon leonard leonid leonardo lev lewis
lillian linda lisa lloyd louis louise lucy ludwig luis lydia lyndon madeleine manuel marc marcel margaret maria
marie marina mario mark marshall martha martin mary mathilde matthew maurice max maxim maximilian maksim melvin
michael michel miguel mikhail milton mohammed muhammad nadezhda nancy natalia nathan nelson neville nicholas nicola
nicolas nikita nikolai nikolay nina noah norman olga oliver omar oscar otto pablo pamela patricia patrick paul paula
pavel pedro peter philip philippe pierre pyotr rachel ralph ramon raymond rebecca richard robert roberto roger
roland ronald rosa rose ruth ryan samuel sandra sarah sean sergei sergey shirley simon sofia sophia stanley stefan
stephen steven susan sylvia ted teresa theodore thomas timothy tobias tom tony ulysses valentina valery vasily
victor victoria vincent viktor virginia vladimir vyacheslav walter warren wendy werner wilhelm william winston
wolfgang woodrow yakov yevgeny yuri yury zachary zbigniew"""
_NICKNAMES: dict[str, str] = {
    "bill": "william",
    "will": "william",
    "billy": "william",
    "bob": "robert",
    "bobby": "robert",
    "rob": "robert",
    "dick": "richard",
    "rick": "richard",
    "jim": "james",
    "jimmy": "james",
    "jack": "john",
    "johnny": "john",
    "tom": "thomas",
    "tommy": "thomas",
    "ted": "edward",
    "ed": "edward",
    "teddy": "theodore",
    "mike": "michael",
    "dave": "david",
    "joe": "joseph",
    "harry": "henry",
    "hank": "henry",
    "chuck": "charles",
    "charlie": "charles",
    "tony": "anthony",
    "andy": "andrew",
    "alex": "alexander",
    "sasha": "alexander",
    "kate": "katherine",
    "kathy": "katherine",
    "liz": "elizabeth",
    "beth": "elizabeth",
    "betty": "elizabeth",
    "peggy": "margaret",
    "maggie": "margaret",
    "sam": "samuel",
    "ben": "benjamin",
    "fred": "frederick",
    "frank": "francis",
    "ike": "dwight",
    "nick": "nicholas",
    "steve": "stephen",
    "larry": "lawrence",
    "ron": "ronald",
    "don": "donald",
    "jerry": "gerald",
}
# Nouns that, right before a capitalised name, make it a person ("Soviet diplomat Maxim Litvinov").
_ROLE_NOUNS = frozenset(
    _words("""diplomat ambassador minister president leader general secretary author writer historian journalist scholar
    professor senator premier chancellor dictator king queen emperor commissar envoy official spokesman spokeswoman
    director chairman founder poet novelist artist composer scientist economist politician activist lawyer judge
    colonel captain admiral pope bishop priest rabbi businessman banker engineer industrialist statesman revolutionary
    negotiator adviser advisor aide deputy representative governor mayor editor explorer inventor philosopher""")
)
_ORG_WORDS = frozenset(
    _words("""
    Company Corporation Corp Corp. Inc Inc. Ltd Ltd. Co. Party Agency Department Ministry University College School
    Press Bank Council Committee Commission Association League Union Institute Institution Church Army Navy Force
    Corps Bureau Office Administration Court Senate Congress Parliament Assembly Society Foundation Group Organization
    Organisation International Embassy Consulate Police Board Authority Service Club Museum Library Times Post News
    Journal Review Fund Trust Industries Motors Airlines Railway Railroad Comintern Cominform Politburo Duma
    Cabinet Government Legion Brigade Division Regiment Fleet Federation Confederation Alliance Front Movement
    Syndicate Cartel Works Mills Steel Oil Electric Telegraph Telephone Airways Brothers Associates Partners""")
)
_PLACE_WORDS = frozenset(
    _words("""River Sea Ocean Lake Mountain Mountains Mount Mt. Island Islands Peninsula Bay Gulf Strait Straits Valley
    Desert Canal Street Avenue Road Square City County Province Region District Territory Territories Coast Cape
    Plain Plains Forest Park Harbor Harbour Republic Kingdom Empire Oblast Krai Prefecture Canton Highlands Basin
    Delta Isthmus Archipelago Hall Palace Castle Cathedral Tower Bridge Building Station Airport Gulf Lake Cape""")
)
_EVENT_WORDS = frozenset(
    _words("""War Wars Revolution Conference Treaty Pact Agreement Agreements Accord Accords Act Amendment Declaration
    Depression Deal Crisis Battle Summit Olympics Purge Purges Trials Trial Famine Plan Doctrine Charter Convention
    Massacre Uprising Rebellion Election Campaign Offensive Blockade Airlift Affair Scandal Crusade Reformation
    Renaissance Holocaust Armistice Protocol Settlement Blitz Invasion Siege Occupation Era Age""")
)
# Words written with a capital only because they start a sentence (a generic list of English function
# words and frequent sentence openers); the text's own lower-case vocabulary is used as well.
_COMMON_WORDS = frozenset(
    _words("""
    a an the this that these those there here it its he she they we you i his her their our my your him them us
    in on at by for with from into onto upon of to as than then when where while after before since until during
    through throughout within without about above below under over between among against across along around behind
    beyond despite except following including like near per regarding toward towards via
    and or but nor so yet also although though because if unless whether however nevertheless nonetheless
    furthermore moreover meanwhile similarly finally thus therefore hence indeed instead otherwise still even only
    just already again later earlier soon once now today yesterday tomorrow never always often sometimes perhaps
    many most much more several some few all both each every either neither any no none other another such same
    not one two three four five six seven eight nine ten first second third last next
    what which who whom whose why how
    was were is are be been being had has have do does did will would shall should may might must can could
    prior according among amid beside besides unlike upon whereas whilst yes no
    see read note notes summary introduction conclusion chapter section part figure table page contents index
    top most recent related categories further reading history background overview""")
)
_ADJECTIVE_SUFFIXES = ("an", "ian", "ese", "ish", "ic", "ist", "ern", "ary", "al")
# Capitalised words that are never names by themselves: months, days, clock and era marks.
_NOT_NAMES = frozenset(
    _words("""January February March April May June July August September October November December Jan Feb Mar Apr Jun
    Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday AM PM A.M. P.M. BC AD BCE
    CE GMT UTC I II III IV V VI VII VIII IX X OK TV""")
)
# First words of place and organisation names that are also ordinary adjectives ("New York").
_NAME_ADJECTIVES = frozenset(
    _words(
        "New Great North South East West Upper Lower Saint St. San Santa Los Las El Fort Port Mount Lake Cape Old Red "
        "Black White Grand Royal Holy United Free Central Northern Southern Eastern Western"
    )
)
# Words after "the Japanese", "the French" that show the people are meant, not an adjective.
_AFTER_PEOPLE = frozenset(
    _words("were had have did and or who would could will are also to in at on of as for by from with themselves")
)


def _split_list(text: str, sep: str = ";") -> list[str]:
    return [t.strip() for t in text.replace("\n", "").split(sep) if t.strip()]


_GIVEN_KEYS = frozenset(translit_key(n) for n in _GIVEN_NAMES.split())


def _title_sequences(text: str) -> list[tuple[str, ...]]:
    return sorted((tuple(t.split()) for t in _split_list(text)), key=len, reverse=True)


_STRONG_TITLES = _title_sequences(_TITLES_STRONG)
_WEAK_TITLES = _title_sequences(_TITLES_WEAK)
# Titles by first word, longest first, strong before weak: the lookup is on every capitalised word.
_TITLES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
for _titles, _strong in ((_STRONG_TITLES, True), (_WEAK_TITLES, False)):
    for _title in _titles:
        _TITLES_BY_FIRST.setdefault(_title[0], []).append((_title, _strong))
_DEPARTMENT_SEQS = _title_sequences(_DEPARTMENTS)

# ---------------------------------------------------------------------------------------------------
# Built-in alias table: states (aliases | plural demonyms | adjectives | capitals/seats), organisations,
# and links between historical predecessor and successor states.
# ---------------------------------------------------------------------------------------------------

_STATES = """United States|U.S.;US;U.S.A.;USA;United States of America;America;the States|Americans|American|
+Washington;Washington, D.C.;White House
Soviet Union|USSR;U.S.S.R.;Union of Soviet Socialist Republics;Soviet state|Soviets|Soviet|Moscow;Kremlin
Russia|Russian Federation|Russians|Russian|Moscow;Kremlin
Soviet Russia|RSFSR;Russian Soviet Federative Socialist Republic;Bolshevik Russia|||
Russian Empire|Imperial Russia;Tsarist Russia|||St. Petersburg;Petrograd
United Kingdom|UK;U.K.;Britain;Great Britain;United Kingdom of Great Britain and Northern Ireland|Britons|British|
+London;Downing Street;Whitehall
England||Englishmen|English|
France|French Republic|Frenchmen|French|Paris
Germany|Federal Republic of Germany;German Reich;Third Reich;Nazi Germany;Weimar Germany|Germans|German|Berlin
West Germany|FRG|||Bonn
East Germany|German Democratic Republic;GDR|||East Berlin
Italy|Italian Republic;Kingdom of Italy|Italians|Italian|Rome
Japan|Empire of Japan|Japanese|Japanese|Tokyo
China|People's Republic of China;PRC|Chinese|Chinese|Beijing;Peking
Taiwan|Republic of China;ROC|Taiwanese|Taiwanese|Taipei
Canada||Canadians|Canadian|Ottawa
Mexico|United Mexican States|Mexicans|Mexican|Mexico City
Spain|Kingdom of Spain|Spaniards|Spanish|Madrid
Portugal||Portuguese|Portuguese|Lisbon
Poland|Republic of Poland|Poles|Polish|Warsaw
Ukraine||Ukrainians|Ukrainian|Kyiv;Kiev
Belarus|Byelorussia;Belorussia|Belarusians|Belarusian|Minsk
India|Republic of India|Indians|Indian|New Delhi
Pakistan||Pakistanis|Pakistani|Islamabad
Iran|Persia;Islamic Republic of Iran|Iranians;Persians|Iranian;Persian|Tehran;Teheran
Iraq||Iraqis|Iraqi|Baghdad
Israel|State of Israel|Israelis|Israeli|Jerusalem
Egypt||Egyptians|Egyptian|Cairo
Turkey|Republic of Turkey;Türkiye|Turks|Turkish|Ankara
Ottoman Empire|||Ottoman|Constantinople;Istanbul
Greece||Greeks|Greek|Athens
Cuba||Cubans|Cuban|Havana
Vietnam|Viet Nam|Vietnamese|Vietnamese|Hanoi
North Korea|DPRK;Democratic People's Republic of Korea|North Koreans|North Korean|Pyongyang
South Korea|Republic of Korea;ROK|South Koreans|South Korean|Seoul
Korea||Koreans|Korean|
Brazil||Brazilians|Brazilian|Brasília
Argentina||Argentines;Argentinians|Argentine;Argentinian|Buenos Aires
Australia|Commonwealth of Australia|Australians|Australian|Canberra
Austria||Austrians|Austrian|Vienna
Austria-Hungary|Austro-Hungarian Empire||Austro-Hungarian|
Hungary||Hungarians|Hungarian|Budapest
Czechoslovakia|||Czechoslovak|
Czech Republic|Czechia|Czechs|Czech|Prague
Slovakia||Slovaks|Slovak|Bratislava
Yugoslavia||Yugoslavs|Yugoslav|Belgrade
Serbia||Serbs|Serbian|Belgrade
Sweden||Swedes|Swedish|Stockholm
Norway||Norwegians|Norwegian|Oslo
Denmark||Danes|Danish|Copenhagen
Finland||Finns|Finnish|Helsinki
Netherlands|Holland;the Netherlands|Dutch|Dutch|The Hague;Amsterdam
Belgium||Belgians|Belgian|Brussels
Switzerland||Swiss|Swiss|Bern
Afghanistan||Afghans|Afghan|Kabul
Saudi Arabia||Saudis|Saudi|Riyadh
South Africa||South Africans|South African|Pretoria
Nigeria||Nigerians|Nigerian|Abuja
Indonesia||Indonesians|Indonesian|Jakarta
Philippines|the Philippines|Filipinos|Filipino|Manila
Romania|Rumania|Romanians|Romanian|Bucharest
Bulgaria||Bulgarians|Bulgarian|Sofia
Lithuania||Lithuanians|Lithuanian|Vilnius
Latvia||Latvians|Latvian|Riga
Estonia||Estonians|Estonian|Tallinn
Georgia||Georgians|Georgian|Tbilisi
Kosovo||Kosovars||Pristina
Chechnya|Chechen Republic|Chechens|Chechen|Grozny
Manchuria|Manchukuo||Manchurian|
Ireland|Irish Free State;Republic of Ireland|Irish|Irish|Dublin
Scotland||Scots|Scottish|Edinburgh
Vatican|Holy See;Vatican City|||
Europe|||European|
Asia|||Asian|
Africa|||African|
Latin America|South America;Central America||Latin American|
North America|||North American|
Middle East|Near East||Middle Eastern|
Far East|East Asia|||"""

_ORGANISATIONS = """United Nations|UN;U.N.
North Atlantic Treaty Organization|NATO;North Atlantic Treaty Organisation
European Union|EU;E.U.
League of Nations|
Warsaw Pact|Warsaw Treaty Organization
International Monetary Fund|IMF
World Bank|
Red Cross|International Red Cross;International Committee of the Red Cross;ICRC
Central Intelligence Agency|CIA
Federal Bureau of Investigation|FBI
KGB|Committee for State Security
NKVD|People's Commissariat for Internal Affairs
Communist Party of the Soviet Union|CPSU
U.S. Department of State|State Department;Department of State;U.S. State Department;US State Department
U.S. Congress|Congress;United States Congress
Communist International|Comintern;Third International
European Economic Community|EEC;Common Market
Organization of Petroleum Exporting Countries|OPEC
World Health Organization|WHO"""
_CITIES = """New York;New York City;Los Angeles;Chicago;San Francisco;Boston;Philadelphia;Hong Kong;Leningrad;
Stalingrad;Vladivostok;Munich;Yalta;Potsdam;Versailles;Geneva;Hiroshima;Nagasaki;Shanghai;Pearl Harbor"""

# Predecessor/successor or part/whole links between states: related, never the same.
_LINKS = """Russia=Soviet Union;Russia=Soviet Russia;Soviet Union=Soviet Russia;Russia=Russian Empire;
Germany=West Germany;Germany=East Germany;United Kingdom=England;United Kingdom=Scotland;
Czechoslovakia=Czech Republic;Czechoslovakia=Slovakia;Yugoslavia=Serbia;Turkey=Ottoman Empire;
Austria=Austria-Hungary;Hungary=Austria-Hungary;Korea=North Korea;Korea=South Korea;China=Manchuria;
Ukraine=Soviet Union;Belarus=Soviet Union;Georgia=Soviet Union;Lithuania=Soviet Union;Latvia=Soviet Union;
Estonia=Soviet Union"""


# ---------------------------------------------------------------------------------------------------
# Person names
# ---------------------------------------------------------------------------------------------------


class PersonName(NamedTuple):
    """A person's name in parts: given names (full or initials), surname (with particles), suffix."""

    given: tuple[str, ...]
    surname: str
    suffix: str | None = None

    @property
    def display(self) -> str:
        """The name in reading order, initials written with a full stop."""
        given = [g + "." if len(g) == 1 else g for g in self.given]
        parts = [*given, self.surname]
        return " ".join(parts) + (f" {self.suffix}" if self.suffix else "")

    @property
    def surname_key(self) -> str:
        """The transliteration key of the surname (particles and hyphens included)."""
        return _surname_key(self.surname)

    @property
    def initials(self) -> str:
        """Upper-case initials of given names and surname (``FDR`` for Franklin D. Roosevelt)."""
        last = [p for p in self.surname.split() if p.lower() not in _PARTICLES] or [self.surname]
        return "".join(g[0].upper() for g in self.given) + last[-1][0].upper()

    @property
    def fullness(self) -> tuple[int, int]:
        """How much of the name is written out: (given names, letters in given names)."""
        return len(self.given), sum(len(g) for g in self.given)


@functools.lru_cache(maxsize=16384)
def _surname_key(surname: str) -> str:
    return "".join(translit_key(p) for p in re.split(r"[\s\-]+", surname))


def _is_initial(token: str) -> bool:
    return bool(re.fullmatch(r"[^\W\d_]\.?", token)) and token[0].isupper()


def _title_prefix(tokens: Sequence[str]) -> tuple[int, bool]:
    """Length of a title at the start of ``tokens`` and whether it is a strong one; (0, False) if none."""
    if not tokens:
        return 0, False
    for title, strong in _TITLES_BY_FIRST.get(tokens[0], ()):
        n = len(title)
        if tuple(tokens[:n]) == title:
            takes_of = title[-1] in ("Secretary", "Minister", "Commissar", "Governor")
            if takes_of and len(tokens) > n + 1 and tokens[n] == "of":
                rest = tuple(tokens[n + 1 :])
                for dept in _DEPARTMENT_SEQS:
                    if rest[: len(dept)] == dept:
                        return n + 1 + len(dept), strong
                return n + 2, strong
            return n, strong
    return 0, False


def parse_person_name(name: str) -> PersonName | None:
    """Split a person's name into given names and surname, dropping titles and honorifics.

    Accepts reading order ("President Franklin D. Roosevelt") and index order ("Litvinov, Maksim
    Maksimovich"); a single word is a surname. ``None`` when nothing name-like is left.

    >>> parse_person_name("Secretary of State Cordell Hull")
    PersonName(given=('Cordell',), surname='Hull', suffix=None)
    >>> parse_person_name("Litvinov, Maksim Maksimovich").display
    'Maksim Maksimovich Litvinov'
    """
    text = re.sub(r"\s+", " ", name.replace("’", "'")).strip().strip(",;:")
    if not text:
        return None
    inverted = re.fullmatch(r"([^,]+),\s*([^,]+?)(?:,\s*(Jr\.?|Sr\.?|I{2,3}|IV))?", text)
    if inverted and not re.fullmatch(r"(?i)(jr\.?|sr\.?|i{2,3}|iv)", inverted.group(2)):
        family, given = inverted.group(1).strip(), inverted.group(2).strip()
        suffix = inverted.group(3)
        text = f"{given} {family}"
    else:
        suffix = None
    tokens = re.findall(r"[^\s.]+\.?|\.", text)
    tokens = [t for t in tokens if t != "."]
    while tokens:
        n, _strong = _title_prefix(tokens)
        if n == 0:
            break
        tokens = tokens[n:]
    if tokens and tokens[-1].lower().rstrip(",") in _SUFFIXES and len(tokens) > 1:
        suffix = tokens[-1].rstrip(",")
        tokens = tokens[:-1]
    tokens = [t.rstrip(",") for t in tokens if t.rstrip(",")]
    if not tokens or not all(re.search(r"[^\W\d_]", t) for t in tokens):
        return None
    if any(t[0].islower() and t.lower() not in _PARTICLES for t in tokens):
        return None  # "George of Britain" is not a personal name
    # The surname is the last word with any lower-case particles before it ("Charles de Gaulle").
    k = len(tokens) - 1
    while k > 0 and tokens[k - 1].lower() in _PARTICLES and tokens[k - 1][0].islower():
        k -= 1
    surname = " ".join(tokens[k:]).rstrip(".") if not _is_initial(tokens[-1]) else tokens[-1]
    given = tuple(t.rstrip(".") for t in tokens[:k])
    if not surname:
        return None
    return PersonName(given, surname, suffix)


def _given_compatible(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    fa, fb = _NICKNAMES.get(fa, fa), _NICKNAMES.get(fb, fb)
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0] or translit_key(fa)[:1] == translit_key(fb)[:1]
    ka, kb = translit_key(fa), translit_key(fb)
    if ka == kb:
        return True
    return min(len(ka), len(kb)) >= 5 and _edit_distance_at_most_one(ka, kb)


def names_compatible(a: PersonName, b: PersonName) -> bool:
    """Whether two names can name the same person.

    Surnames must share a transliteration key; the first given names must agree (initials agree with
    any name with that letter; a missing given name agrees with anything); a middle name written by
    both must agree; suffixes written by both must be equal.

    >>> p = parse_person_name
    >>> names_compatible(p("Franklin D. Roosevelt"), p("Franklin Delano Roosevelt"))
    True
    >>> names_compatible(p("Franklin Roosevelt"), p("Theodore Roosevelt"))
    False
    """
    if a.surname_key != b.surname_key or not a.surname_key:
        return False
    if a.suffix and b.suffix and fold(a.suffix).rstrip(".") != fold(b.suffix).rstrip("."):
        return False
    if not a.given or not b.given:
        return True
    if not _given_compatible(a.given[0], b.given[0]):
        return False
    # A middle name must not contradict; a patronymic or second name missing on one side is fine.
    return len(a.given) < 2 or len(b.given) < 2 or _given_compatible(a.given[1], b.given[1])


def _initials_match(acronym: str, name: PersonName) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", acronym).upper()
    initials = name.initials
    if letters == initials:
        return True
    # "FDR" for a name written without its middle initial ("Franklin Roosevelt").
    return len(name.given) == 1 and len(letters) == 3 and letters[0] == initials[0] and letters[-1] == initials[-1]


# ---------------------------------------------------------------------------------------------------
# The alias table
# ---------------------------------------------------------------------------------------------------


class _Record(NamedTuple):
    id: str
    name: str
    type: EntityType
    metonym_of: tuple[str, ...] = ()


class _PersonRecord(NamedTuple):
    id: str
    name: PersonName


@functools.lru_cache(maxsize=16384)
def _alias_key(text: str) -> str:
    """Lookup key of an alias: acronyms keep their capitals ("US" is not "us"); other names fold."""
    t = text.strip().replace("’", "'")
    t = re.sub(r"^(?:the|The|THE)\s+", "", t)
    t = re.sub(r"'s$", "", t)
    letters = re.sub(r"[^A-Za-z]", "", t)
    if letters and letters.isupper() and len(letters) <= 6 and " " not in t.strip():
        return "^" + letters
    t = fold(t).replace("&", " and ")
    t = re.sub(r"\.", "", t)
    return re.sub(r"[\s\-]+", " ", t).strip()


def _type_from_words(words: Sequence[str]) -> EntityType | None:
    """The entity type that keywords in a capitalised name imply ("... Company", "... River")."""
    clean = [w.rstrip(".,") for w in words]
    if any(w in _ORG_WORDS or w + "." in _ORG_WORDS for w in clean):
        return EntityType.ORGANISATION
    if not clean:
        return None
    # "... River", "Gulf of Mexico"; "... Conference", "Treaty of Versailles", "World War II".
    if clean[-1] in _PLACE_WORDS or (len(clean) > 1 and clean[0] in _PLACE_WORDS):
        return EntityType.PLACE
    if clean[-1] in _EVENT_WORDS or (len(clean) > 1 and (clean[0] in _EVENT_WORDS or clean[-2] in _EVENT_WORDS)):
        return EntityType.OTHER
    return None


def _acronym_defines(short: str, long: str) -> bool:
    """Whether ``short`` abbreviates ``long``: initials of its content words, or a subsequence of it."""
    s = re.sub(r"[^A-Za-z]", "", short)
    words = [w for w in re.findall(r"[^\W\d_]+", long) if w.lower() not in ("of", "the", "and", "for", "de")]
    if len(s) < 2 or len(words) < 2:
        return False
    if s.upper() == "".join(w[0] for w in words).upper():
        return True
    target = fold("".join(words))
    letters = fold(s)
    if len(letters) < 3 or letters[0] != target[0]:
        return False
    pos = 0
    for ch in letters:
        pos = target.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


class AliasTable:
    """Names the library knows: states, organisations, people, and how their short forms map.

    ``AliasTable()`` starts with the built-in states and organisations; ``AliasTable(builtin=False)``
    starts empty. Add corpus-derived names with :meth:`add`, :meth:`add_person` or
    :meth:`add_index_name`, or let :meth:`learn` pick up full names and acronym definitions from a text.

    >>> table = AliasTable()
    >>> table.add_index_name("Litvinov, Maksim Maksimovich")
    'person:maksim-maksimovich-litvinov'
    >>> canonical_entity("Maxim Litvinov", table).id
    'person:maksim-maksimovich-litvinov'
    """

    __slots__ = ("_adjectives", "_aliases", "_demonyms", "_inverted", "_links", "_parent", "_persons", "_records")

    def __init__(self, *, builtin: bool = True) -> None:
        self._parent: AliasTable | None = _builtin_table() if builtin else None
        self._aliases: dict[str, str] = {}
        self._records: dict[str, _Record] = {}
        self._persons: list[_PersonRecord] = []
        self._inverted: dict[str, str] = {}
        self._links: dict[str, list[str]] = {}
        self._demonyms: dict[str, str] = {}
        self._adjectives: dict[str, str] = {}

    @classmethod
    def _empty(cls) -> AliasTable:
        return cls(builtin=False)

    def child(self) -> AliasTable:
        """A table that sees everything in this one and keeps its own additions to itself."""
        table = AliasTable(builtin=False)
        table._parent = self
        return table

    # -- lookups ------------------------------------------------------------------------------------

    def _chain(self) -> list[AliasTable]:
        chain: list[AliasTable] = []
        table: AliasTable | None = self
        while table is not None:
            chain.append(table)
            table = table._parent
        return chain

    def record(self, entity_id: str) -> tuple[str, EntityType, tuple[str, ...]] | None:
        """The canonical name, type and metonym targets of a known id, or ``None``."""
        for table in self._chain():
            rec = table._records.get(entity_id)
            if rec is not None:
                return rec.name, rec.type, rec.metonym_of
        return None

    def _record(self, entity_id: str) -> _Record | None:
        for table in self._chain():
            rec = table._records.get(entity_id)
            if rec is not None:
                return rec
        return None

    def _alias(self, key: str) -> str | None:
        for table in self._chain():
            found = table._aliases.get(key)
            if found is not None:
                return found
        return None

    def lookup(self, name: str) -> str | None:
        """The id a name or short form is listed under ("USSR" -> ``place:soviet-union``), or ``None``."""
        key = _alias_key(name)
        found = self._alias(key)
        if found is None and not key.startswith("^"):
            # "ussr", "Usa": acronyms written in lower case (two letters are too often a word: "us").
            letters = re.sub(r"[^A-Za-z]", "", name)
            if 3 <= len(letters) <= 6 and " " not in name.strip():
                found = self._alias("^" + letters.upper())
        return found

    def demonym(self, word: str) -> str | None:
        """The state a plural demonym stands for ("Soviets" -> ``place:soviet-union``)."""
        for table in self._chain():
            found = table._demonyms.get(word)
            if found is not None:
                return found
        return None

    def is_adjective(self, word: str) -> bool:
        """True for a demonym adjective ("Soviet", "American"), which is not a mention by itself."""
        return any(word in table._adjectives for table in self._chain())

    def persons(self) -> list[tuple[str, PersonName]]:
        """Every known person as (id, name), built-in and inherited first."""
        out: list[tuple[str, PersonName]] = []
        for table in reversed(self._chain()):
            out.extend((p.id, p.name) for p in table._persons)
        return out

    def inverted_forms(self) -> list[tuple[str, str]]:
        """The "Family, Given" forms registered with :meth:`add_index_name`, as (form, id)."""
        out: dict[str, str] = {}
        for table in reversed(self._chain()):
            out.update(table._inverted)
        return sorted(out.items(), key=lambda kv: (-len(kv[0]), kv[0]))

    def linked(self, a: str, b: str) -> bool:
        """True when two ids are linked as related states (predecessor/successor, part/whole)."""
        return any(b in table._links.get(a, ()) for table in self._chain())

    # -- additions ----------------------------------------------------------------------------------

    def add(
        self,
        canonical: str,
        *variants: str,
        type: EntityType | str = EntityType.OTHER,
        id: str | None = None,
        metonym_of: Iterable[str] = (),
    ) -> str:
        """List ``canonical`` and its ``variants`` as one entity; returns its id.

        A person (``type="person"``) is also matched by name structure, so its variants need not
        list every spelling.

        >>> t = AliasTable(builtin=False)
        >>> t.add("Communist International", "Comintern", type="organisation")
        'organisation:communist-international'
        >>> t.lookup("the Comintern")
        'organisation:communist-international'
        """
        etype = EntityType(type)
        canonical = re.sub(r"\s+", " ", canonical).strip()
        if not canonical:
            raise ValueError("canonical name must not be empty")
        entity_id = id or f"{etype.value}:{slug(canonical)}"
        if not entity_id.startswith(f"{etype.value}:"):
            raise ValueError(f"id {entity_id!r} does not match type {etype.value!r}")
        existing = self._record(entity_id)
        metonyms = tuple(dict.fromkeys([*(existing.metonym_of if existing else ()), *metonym_of]))
        self._records[entity_id] = _Record(entity_id, existing.name if existing else canonical, etype, metonyms)
        for variant in (canonical, *variants):
            key = _alias_key(variant)
            if key:
                self._aliases.setdefault(key, entity_id)
        if etype is EntityType.PERSON:
            parsed = parse_person_name(canonical)
            if parsed is not None and not any(p.id == entity_id for p in self._persons):
                self._persons.append(_PersonRecord(entity_id, parsed))
        return entity_id

    def add_person(self, name: str, *variants: str) -> str:
        """Add a person by name (reading or "Family, Given" order); returns the person's id.

        A name compatible with a person already known adds nothing and returns that person's id.
        """
        parsed = parse_person_name(name)
        if parsed is None:
            raise ValueError(f"person name {name!r} has no name words")
        for pid, known in self.persons():
            if known.given and parsed.given and names_compatible(known, parsed):
                for variant in variants:
                    self._aliases.setdefault(_alias_key(variant), pid)
                return pid
        return self.add(parsed.display, *variants, type=EntityType.PERSON)

    def add_index_name(self, term: str, type: EntityType | str = EntityType.PERSON) -> str | None:
        """Add a back-of-book index term; "Family, Given" person terms also match in that form.

        Subterms after ``;`` are ignored ("Roosevelt, Franklin D.;Soviet-U.S. relations"). Returns the
        id, or ``None`` for an empty term.
        """
        main = term.split(";", 1)[0].strip()
        main = re.sub(r"\[[^\]]*\]$", "", main).strip()
        if not main:
            return None
        etype = EntityType(type)
        if etype is not EntityType.PERSON:
            return self.add(main, type=etype)
        pid = self.add_person(main)
        if "," in main:
            self._inverted[main] = pid
        return pid

    def link(self, a: str, b: str) -> None:
        """Record two ids as related (predecessor/successor states, part and whole)."""
        self._links.setdefault(a, []).append(b)
        self._links.setdefault(b, []).append(a)

    def learn(self, text: str) -> int:
        """Add the full person names and acronym definitions ``text`` contains; returns how many."""
        before = len(self._persons) + len(self._aliases)
        _Analysis(text, self).learn()
        return len(self._persons) + len(self._aliases) - before

    def _add_demonym(self, word: str, entity_id: str) -> None:
        self._demonyms.setdefault(word, entity_id)

    def _add_adjective(self, word: str, entity_id: str) -> None:
        self._adjectives.setdefault(word, entity_id)


_BUILTIN: list[AliasTable] = []


def _builtin_table() -> AliasTable:
    """The shared, read-only built-in table (built once)."""
    if _BUILTIN:
        return _BUILTIN[0]
    table = AliasTable._empty()
    capitals: dict[str, list[str]] = {}
    for line in _STATES.replace("\n+", "").splitlines():
        name, aliases, demonyms, adjectives, seats = [*line.split("|"), "", "", "", ""][:5]
        sid = table.add(name, *_split_list(aliases), type=EntityType.PLACE)
        for d in _split_list(demonyms):
            table._add_demonym(d, sid)
        for a in _split_list(adjectives):
            table._add_adjective(a, sid)
        for seat in _split_list(seats):
            capitals.setdefault(seat, []).append(sid)
    for seat, states in capitals.items():
        table.add(seat, type=EntityType.PLACE, metonym_of=states)
    for city in _split_list(_CITIES):
        table.add(city, type=EntityType.PLACE)
    for line in _ORGANISATIONS.splitlines():
        name, aliases = [*line.split("|"), ""][:2]
        table.add(name, *_split_list(aliases), type=EntityType.ORGANISATION)
    for pair in _split_list(_LINKS):
        left, right = pair.split("=")
        table.link(f"place:{slug(left)}", f"place:{slug(right)}")
    _BUILTIN.append(table)
    return table


# ---------------------------------------------------------------------------------------------------
# Finding mentions in text
# ---------------------------------------------------------------------------------------------------

_WORD_RE = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W\d_]+(?:[’'\-‐](?![A-Za-z]\.)[^\W\d_]+)*")
_ABBREVIATIONS = frozenset(
    _words("Mr Mrs Ms Dr St Jr Sr Gen Col Sen Gov Rev Lt Capt Prof Mt Ft Adm Sgt Rep Co Corp Inc Ltd No Nos Vol")
)
_SENTENCE_END_RE = re.compile(r"(?:^|[.!?•][”’\"')\]]*|\n)[\s“\"‘'(\[]*$")
_GAP_RE = re.compile(r"[ \t\u00a0]+")


class _Tok(NamedTuple):
    text: str
    start: int
    end: int
    possessive: bool


def _word_tokens(text: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    for m in _WORD_RE.finditer(text):
        word, start, end = m.group(0), m.start(), m.end()
        possessive = False
        if re.search(r"[’']s$", word) and len(word) > 2:
            word, end, possessive = word[:-2], end - 2, True
        elif end < len(text) and text[end] in "’'" and word.endswith(("s", "S")):
            possessive = end + 1 >= len(text) or not text[end + 1].isalpha()
        if end < len(text) and text[end] == "." and (word in _ABBREVIATIONS or (len(word) == 1 and word.isupper())):
            word, end = word + ".", end + 1
        tokens.append(_Tok(word, start, end, possessive))
    return tokens


def _capitalised(tok: _Tok) -> bool:
    return tok.text[0].isupper()


class _Candidate(NamedTuple):
    tokens: tuple[_Tok, ...]
    sentence_initial: bool
    title_line: bool
    role_before: bool
    who_after: bool


class _Analysis:
    """One pass over one text against one (child) alias table."""

    def __init__(self, text: str, table: AliasTable) -> None:
        self.text = text
        self.table = table
        self.tokens = _word_tokens(text)
        self.lower_words = self._ordinary_words()
        self.midsentence_caps = frozenset(
            t.text for i, t in enumerate(self.tokens) if _capitalised(t) and not self._sentence_initial(i)
        )
        self.title_lines = self._title_lines()
        self.consumed: list[tuple[int, int]] = []
        self.last_mention: dict[str, int] = {}
        self.inverted: list[tuple[tuple[int, int], str]] = []
        self.candidates: list[_Candidate] | None = None
        self.single_words: frozenset[str] = frozenset()

    # -- text structure ------------------------------------------------------------------------------

    def _ordinary_words(self) -> frozenset[str]:
        """Words the text writes in lower case in prose (keyword and tag lines are not prose)."""
        words: set[str] = set()
        for line in self.text.split("\n"):
            tokens = _WORD_RE.findall(line)
            prose = any(t[0].isupper() for t in tokens) or re.search(r"[.!?][”’\"')\]]*\s*$", line)
            if prose:
                words.update(t for t in tokens if t.islower())
        return frozenset(words)

    def _sentence_initial(self, i: int) -> bool:
        start = self.tokens[i].start
        return bool(_SENTENCE_END_RE.search(self.text, max(0, start - 8), start)) or start == 0

    def _title_lines(self) -> list[tuple[int, int]]:
        """Lines written in Title Case (headings, titles): only known names are taken from them."""
        lines: list[tuple[int, int]] = []
        pos = 0
        for line in self.text.split("\n"):
            words = re.findall(r"[^\W\d_][\w’'\-]*", line)
            content = [
                w
                for w in words
                if w.lower()
                not in ("of", "the", "and", "a", "an", "in", "on", "for", "to", "at", "by", "with", "from", "as", "or")
            ]
            capitalised = sum(w[0].isupper() for w in content)
            # A heading is short and does not end like a sentence.
            heading = len(words) <= 16 and not re.search(r"[.!?;:,][”’\"')\]]*$", line.strip())
            if heading and len(content) >= 2 and capitalised >= 0.75 * len(content):
                lines.append((pos, pos + len(line)))
            pos += len(line) + 1
        return lines

    def _in_title_line(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.title_lines)

    def _gap_ok(self, a: _Tok, b: _Tok) -> bool:
        return bool(_GAP_RE.fullmatch(self.text[a.end : b.start]))

    def _candidates(self) -> list[_Candidate]:
        out: list[_Candidate] = []
        toks = self.tokens
        i = 0
        while i < len(toks):
            if not _capitalised(toks[i]) or self._is_consumed(toks[i]):
                i += 1
                continue
            seq = [toks[i]]
            j = i + 1
            while j < len(toks) and not seq[-1].possessive:
                nxt = toks[j]
                if self._is_consumed(nxt) or not self._gap_ok(toks[j - 1], nxt):
                    break
                if _capitalised(nxt) and nxt.text not in ("The", "A", "An"):
                    seq.append(nxt)
                    j += 1
                    continue
                if _capitalised(nxt):
                    break
                # Lower-case connectors ("of", "of the", "van der") inside a name.
                k = j
                while (
                    k < len(toks)
                    and k - j < 2
                    and toks[k].text in _NAME_CONNECTORS
                    and self._gap_ok(toks[k - 1], toks[k])
                ):
                    k += 1
                if (
                    j < k < len(toks)
                    and _capitalised(toks[k])
                    and self._gap_ok(toks[k - 1], toks[k])
                    and not self._is_consumed(toks[k])
                ):
                    seq.extend(toks[j : k + 1])
                    j = k + 1
                    continue
                break
            prev = toks[i - 1] if i > 0 else None
            role = (
                prev is not None
                and prev.text.lower() in _ROLE_NOUNS
                and prev.text.islower()
                and self._gap_ok(prev, toks[i])
            )
            after = self.text[seq[-1].end : seq[-1].end + 8]
            out.append(
                _Candidate(
                    tuple(seq),
                    self._sentence_initial(i),
                    self._in_title_line(toks[i].start),
                    role,
                    bool(re.match(r",\s+who\b", after)),
                )
            )
            i = j
        return out

    def _is_consumed(self, tok: _Tok) -> bool:
        return any(s < tok.end and tok.start < e for s, e in self.consumed)

    # -- persons ---------------------------------------------------------------------------------------

    def _person_evidence(self, words: Sequence[str], cand: _Candidate, titled: bool) -> bool:
        if titled or cand.role_before or cand.who_after:
            return True
        first = words[0].rstrip(".")
        if translit_key(first) in _GIVEN_KEYS or fold(first) in _NICKNAMES:
            return True
        if len(words) in (2, 3) and words[-1] in self.single_words and not _is_initial(words[-1]):
            return True
        if any(_is_initial(w) for w in words[:-1]) and not _is_initial(words[-1]):
            return True
        parsed = parse_person_name(" ".join(words))
        if parsed is None:
            return False
        return any(p.surname_key == parsed.surname_key and p.given for _, p in self.table.persons())

    def _name_like(self, words: Sequence[str]) -> bool:
        """2-5 words that could be a personal name: capitalised words, initials, particles."""
        if not 2 <= len(words) <= 5:
            return False
        for w in words:
            if w in _PARTICLES and w.islower():
                continue
            bare = w.rstrip(".")
            if not bare or not bare[0].isupper() or (bare.isupper() and len(bare) > 1 and not _is_initial(w)):
                return False
            if self.table.lookup(w) is not None or self.table.is_adjective(w) or self.table.demonym(w):
                return False
            if w in _ORG_WORDS or w in _PLACE_WORDS or w in _EVENT_WORDS or _title_prefix([w])[0]:
                return False
        if words[0].lower() in _COMMON_WORDS:
            return False
        # A surname that the text also uses as an ordinary word ("Edward M. Recognition of Russia").
        last = words[-1].lower()
        if last in self.lower_words or last in _COMMON_WORDS:
            return False
        return not _is_initial(words[-1])

    def _match_person(self, parsed: PersonName, pos: int) -> str | None:
        """The id of the known person this name fits (most recently mentioned when several do)."""
        candidates = [pid for pid, known in self.table.persons() if names_compatible(known, parsed)]
        if not parsed.given:
            # A surname alone only matches people whose full name is known.
            full = [pid for pid, known in self.table.persons() if known.given and pid in candidates]
            candidates = full or candidates
        if not candidates and len(parsed.given) == 1:
            # "Lloyd George" for "David Lloyd George": a two-word surname without a hyphen.
            key = translit_key(parsed.given[0])
            candidates = [
                pid
                for pid, known in self.table.persons()
                if len(known.given) >= 2
                and translit_key(known.given[-1]) == key
                and known.surname_key == parsed.surname_key
            ]
        unique = list(dict.fromkeys(candidates))
        if not unique:
            return None
        if len(unique) == 1:
            return unique[0]
        exact = [pid for pid in unique if self._person_name(pid).given == parsed.given]
        if len(exact) == 1:
            return exact[0]
        mentioned = [
            (self.last_mention[pid], pid)
            for pid in unique
            if self.last_mention.get(pid, -1) < pos and pid in self.last_mention
        ]
        if mentioned:
            return max(mentioned)[1]
        return unique[0]

    def _person_name(self, pid: str) -> PersonName:
        for known_id, known in self.table.persons():
            if known_id == pid:
                return known
        raise KeyError(pid)

    def _register_person(self, parsed: PersonName) -> str:
        """Add a full name seen in text, merging with a compatible one (keeping the fuller form)."""
        for index, rec in enumerate(self.table._persons):
            if rec.name.given and names_compatible(rec.name, parsed):
                if parsed.fullness > rec.name.fullness and _upgrade_ok(rec.name, parsed):
                    new_id = f"person:{slug(parsed.display)}"
                    self.table._persons[index] = _PersonRecord(new_id, parsed)
                    self.table._records[new_id] = _Record(new_id, parsed.display, EntityType.PERSON)
                    return new_id
                return rec.id
        for pid, known in self.table.persons():
            if known.given and names_compatible(known, parsed):
                return pid
        return self.table.add(parsed.display, type=EntityType.PERSON)

    # -- resolving a candidate --------------------------------------------------------------------------

    def _entity(
        self,
        entity_id: str,
        name: str,
        etype: EntityType,
        span: tuple[int, int],
        via: MentionKind,
    ) -> Entity:
        start, end = span
        record = self.table.record(entity_id)
        metonyms = record[2] if record else ()
        self.last_mention[entity_id] = start
        return Entity(entity_id, name, etype, self.text[start:end], (start, end), via, metonyms)

    def _known(self, entity_id: str, start: int, end: int, via: MentionKind) -> Entity:
        record = self.table.record(entity_id)
        name, etype = (record[0], record[1]) if record else (self.text[start:end], EntityType.OTHER)
        return self._entity(entity_id, name, etype, (start, end), via)

    def _person(self, words: Sequence[_Tok], pos: int, *, register: bool, titled: bool) -> Entity | None:
        start, end = words[0].start, words[-1].end
        parsed = parse_person_name(" ".join(w.text for w in words))
        if parsed is None:
            return None
        pid = self._match_person(parsed, pos)
        if pid is None:
            if parsed.given and register:
                pid = self._register_person(parsed)
            elif not parsed.given and titled:
                pid = f"person:{slug(parsed.surname)}"
                return self._entity(pid, parsed.surname, EntityType.PERSON, (start, end), MentionKind.PARTIAL)
            else:
                return None
        known = self._person_name(pid)
        if not parsed.given:
            via = MentionKind.PARTIAL
        elif known.display == parsed.display:
            via = MentionKind.NAME
        else:
            via = MentionKind.ALIAS
        return self._entity(pid, known.display, EntityType.PERSON, (start, end), via)

    def _alias_span(self, words: Sequence[_Tok]) -> Entity | None:
        text = self.text[words[0].start : words[-1].end]
        found = self.table.lookup(text)
        if found is None:
            return None
        record = self.table.record(found)
        via = MentionKind.NAME if record and _alias_key(record[0]) == _alias_key(text) else MentionKind.ALIAS
        if record and record[1] is EntityType.PERSON and via is MentionKind.ALIAS and len(words) == 1:
            via = MentionKind.ACRONYM if text.replace(".", "").isupper() else MentionKind.PARTIAL
        return self._known(found, words[0].start, words[-1].end, via)

    def _given_name_run(self, words: Sequence[_Tok], i: int) -> int:
        """Length of a personal name starting with a known given name at ``words[i]`` (0 if none)."""
        if translit_key(words[i].text) not in _GIVEN_KEYS and fold(words[i].text) not in _NICKNAMES:
            return 0
        j = i + 1
        while j < len(words) and j - i < 5:
            w = words[j].text
            if w in _NAME_CONNECTORS and w.islower() and w not in _PARTICLES:
                break
            if (
                w.lower() in _COMMON_WORDS
                or (w.lower() in self.lower_words and translit_key(w) not in _GIVEN_KEYS)
                or (len(w) > 1 and w.isupper() and not _is_initial(w))
                or w in _ORG_WORDS
                or w in _PLACE_WORDS
                or w in _EVENT_WORDS
                or self.table.lookup(w) is not None
                or self.table.is_adjective(w)
            ):
                break
            j += 1
            if words[j - 1].possessive:
                break
        while j - i > 1 and _is_initial(words[j - 1].text):
            j -= 1
        return j - i if j - i >= 2 else 0

    def _segment_known(self, words: Sequence[_Tok], *, learning: bool = False) -> list[Entity]:
        """Known names inside a longer capitalised run (titles, headings, leftovers)."""
        out: list[Entity] = []
        i = 0
        while i < len(words):
            hit: Entity | None = None
            width = 0
            n_title, _strong = _title_prefix([w.text for w in words[i:]])
            n_given = self._given_name_run(words, i)
            if n_title and i + n_title < len(words):
                rest = words[i + n_title :]
                n_name = self._given_name_run(rest, 0) or (1 if self._known_surname(rest[0].text) else 0)
                if n_name:
                    hit = self._person(rest[:n_name], rest[0].start, register=True, titled=True)
                    width = n_title + n_name
            if hit is None and n_given:
                hit = self._person(words[i : i + n_given], words[i].start, register=True, titled=False)
                width = n_given
            for n in range(min(6, len(words) - i), 0, -1) if hit is None else ():
                part = words[i : i + n]
                if part[-1].text in _NAME_CONNECTORS or part[0].text in _NAME_CONNECTORS:
                    continue
                hit = self._alias_span(part)
                if hit is None and n >= 2 and self._name_like([w.text for w in part]):
                    parsed = parse_person_name(" ".join(w.text for w in part))
                    if parsed is not None and self._match_person(parsed, part[0].start):
                        hit = self._person(part, part[0].start, register=False, titled=False)
                if hit is not None:
                    width = n
                    break
            if hit is None:
                hit = self._single_known(words[i])
                width = 1
            if hit is not None and not learning:
                out.append(hit)
            i += max(width, 1)
        return out

    def _single_known(self, tok: _Tok) -> Entity | None:
        """A single word that is a demonym, a known surname or a known acronym; otherwise ``None``."""
        state = self.table.demonym(tok.text)
        if state is not None:
            if self.table.is_adjective(tok.text):
                # "the Japanese" (the people) but not "Japanese expansionism" (an adjective).
                after = re.match(r"[ \t]+([a-z]+)", self.text[tok.end : tok.end + 20])
                if after and after.group(1) not in _AFTER_PEOPLE:
                    return None
            return self._known(state, tok.start, tok.end, MentionKind.DEMONYM)
        if tok.text in _NAME_CONNECTORS or tok.text.lower() in _COMMON_WORDS:
            return None
        letters = tok.text.replace(".", "")
        if letters.isupper() and 2 <= len(letters) <= 5:
            for pid, known in self.table.persons():
                if known.given and _initials_match(letters, known):
                    span = (tok.start, tok.end)
                    return self._entity(pid, known.display, EntityType.PERSON, span, MentionKind.ACRONYM)
            return None
        if tok.text[0].isupper() and not self.table.is_adjective(tok.text):
            return self._person([tok], tok.start, register=False, titled=False)
        return None

    def _drop_first(self, words: Sequence[_Tok], cand: _Candidate) -> bool:
        """Whether the run's first word is an ordinary word capitalised for starting a sentence."""
        first = words[0]
        if first.text in ("The", "A", "An", "THE"):
            return True
        if not cand.sentence_initial or first is not cand.tokens[0]:
            return False
        texts = [w.text for w in words]
        low = first.text.lower()
        if _title_prefix(texts)[0] or translit_key(first.text) in _GIVEN_KEYS:
            return False
        if self.table.lookup(first.text) is not None or self.table.demonym(first.text):
            return False
        if len(words) > 1 and (first.text in _NAME_ADJECTIVES or self._alias_prefix(words) > 1):
            return False
        return low in _COMMON_WORDS or low in self.lower_words or low.endswith(("ly", "ing", "ed"))

    def _alias_prefix(self, words: Sequence[_Tok]) -> int:
        """Length of the longest known alias at the start of ``words`` (0 when none)."""
        for n in range(min(6, len(words)), 0, -1):
            if self.table.lookup(self.text[words[0].start : words[n - 1].end]) is not None:
                return n
        return 0

    def _resolve(self, cand: _Candidate, *, learning: bool) -> list[Entity]:
        words = list(cand.tokens)
        while words and self._drop_first(words, cand):
            words = words[1:]
            while words and words[0].text in _NAME_CONNECTORS:
                words = words[1:]
        while words and (words[-1].text in _NAME_CONNECTORS or (len(words) > 1 and _is_initial(words[-1].text))):
            words = words[:-1]
        if not words:
            return []
        # An index term repeated inline ("Ford Motor Company Ford Motor Company") is two mentions.
        half = len(words) // 2
        if len(words) >= 2 and len(words) % 2 == 0 and [w.text for w in words[:half]] == [w.text for w in words[half:]]:
            first = cand._replace(tokens=tuple(words[:half]), sentence_initial=False)
            second = cand._replace(tokens=tuple(words[half:]), sentence_initial=False)
            return self._resolve(first, learning=learning) + self._resolve(second, learning=learning)
        if cand.title_line:
            return self._segment_known(words, learning=learning)
        texts = [w.text for w in words]

        whole = self._alias_span(words)
        if whole is not None:
            return [] if learning else [whole]

        # A title before a name; what precedes the title must be a known name or a demonym adjective
        # ("U.S. President Roosevelt", "Soviet Foreign Minister Litvinov").
        for k in range(len(words)):
            head = words[:k]
            if k and not all(self.table.lookup(w.text) is not None or self.table.is_adjective(w.text) for w in head):
                break
            n, strong = _title_prefix(texts[k:])
            if n == 0:
                continue
            rest = words[k + n :]
            after: list[_Tok] = []
            cut = next((j for j, w in enumerate(rest) if w.text == "of" and j > 0), None)
            if cut is not None:  # "Prime Minister David Lloyd George of Britain"
                rest, after = rest[:cut], rest[cut + 1 :]
            if not rest or rest[0].text.lower() in _SUFFIXES:
                break
            if strong or len(rest) >= 2 or self._known_surname(rest[-1].text):
                ent = self._person(rest, rest[0].start, register=True, titled=True)
                if ent is not None:
                    tail = self._segment_known(after, learning=learning) if after else []
                    if learning:
                        return []
                    return [*self._segment_known(head, learning=False), ent, *tail]
            break

        if len(words) == 1 and not learning:
            single = self._single(words[0], cand)
            return [single] if single is not None else []

        etype = _type_from_words(texts)
        if etype is not None:
            return [] if learning else [self._named(words, etype)]

        # Without a keyword, "of" joins two names ("David Lloyd George of Britain").
        cut = next((k for k, w in enumerate(words) if w.text == "of" and 0 < k < len(words) - 1), None)
        if cut is not None:
            before = cand._replace(tokens=tuple(words[:cut]))
            behind = cand._replace(tokens=tuple(words[cut + 1 :]), sentence_initial=False, role_before=False)
            return self._resolve(before, learning=learning) + self._resolve(behind, learning=learning)

        if self._name_like(texts) and self._person_evidence(texts, cand, titled=False):
            ent = self._person(words, words[0].start, register=True, titled=False)
            if ent is not None:
                return [] if learning else [ent]

        known = self._segment_known(words, learning=learning)
        if learning or known:
            return known
        return [self._named(words, EntityType.OTHER)]

    def _single(self, tok: _Tok, cand: _Candidate) -> Entity | None:
        """A one-word run: a known name, or an unknown proper noun when it is not an ordinary word."""
        word = tok.text
        known = self._single_known(tok)
        if known is not None:
            return known
        if self.table.lookup(word) is not None:
            return self._alias_span([tok])
        if (
            self.table.is_adjective(word)
            or word.lower() in _COMMON_WORDS
            or word.lower() in self.lower_words
            or translit_key(word) in _GIVEN_KEYS
            or _title_prefix([word])[0]
            or word in _NOT_NAMES
            or word.rstrip(".") in _NOT_NAMES
            or word in _ORG_WORDS
            or word in _PLACE_WORDS
            or word in _EVENT_WORDS
            or word in _NAME_CONNECTORS
        ):
            return None
        modifier = re.match(r"[ \t][a-z]", self.text[tok.end : tok.end + 2]) is not None
        if word.lower().endswith(_ADJECTIVE_SUFFIXES) and not tok.possessive and modifier:
            return None  # "Communist propaganda": a modifier
        if cand.sentence_initial and word not in self.midsentence_caps:
            return None
        if not any(c.islower() for c in word) and len(word) > 5:
            return None  # a shouted heading word
        if re.fullmatch(r"[A-Z]\.?", word):
            return None
        return self._named([tok], EntityType.OTHER)

    def _known_surname(self, word: str) -> bool:
        key = translit_key(word)
        return any(p.surname_key == key and p.given for _, p in self.table.persons())

    def _named(self, words: Sequence[_Tok], etype: EntityType) -> Entity:
        start, end = words[0].start, words[-1].end
        name = self.text[start:end]
        name = re.sub(r"\s+", " ", name)
        found = self.table.lookup(name)
        if found is not None:
            return self._known(found, start, end, MentionKind.ALIAS)
        return self._entity(f"{etype.value}:{slug(name)}", name, etype, (start, end), MentionKind.NAME)

    # -- passes -----------------------------------------------------------------------------------------

    def _learn_acronyms(self) -> None:
        for m in re.finditer(r"\(([^()\n]{2,80})\)", self.text):
            inner = m.group(1).strip()
            before = self._run_before(m.start())
            if not before:
                continue
            outer = self.text[before[0] : before[1]]
            for short, long in ((inner, outer), (outer, inner)):
                if " " in short.strip() or not short[:1].isupper():
                    continue
                if not all(w[:1].isupper() or w in _NAME_CONNECTORS for w in long.split()):
                    continue
                if _acronym_defines(short, long):
                    known = self.table.lookup(long) or self.table.lookup(short)
                    if known is not None:
                        self.table._aliases.setdefault(_alias_key(short), known)
                        self.table._aliases.setdefault(_alias_key(long), known)
                    else:
                        etype = _type_from_words(long.split()) or EntityType.ORGANISATION
                        self.table.add(long, short, type=etype)

    def _run_before(self, pos: int) -> tuple[int, int] | None:
        """The capitalised run (with connectors) that ends right before ``pos`` (ignoring spaces)."""
        end = pos
        while end > 0 and self.text[end - 1] in " \t":
            end -= 1
        toks = [t for t in self.tokens if t.end <= end]
        if not toks or toks[-1].end != end or not _capitalised(toks[-1]):
            return None
        k = len(toks) - 1
        while (
            k > 0
            and self._gap_ok(toks[k - 1], toks[k])
            and (_capitalised(toks[k - 1]) or toks[k - 1].text in _NAME_CONNECTORS)
        ):
            k -= 1
        while toks[k].text in _NAME_CONNECTORS or toks[k].text in ("The", "the"):
            k += 1
        return toks[k].start, end

    def _consume_inverted(self) -> None:
        """Mark the registered "Family, Given" forms in the text so runs do not split them."""
        if self.inverted:
            return
        for form, pid in self.table.inverted_forms():
            pattern = re.compile(rf"(?<![\w]){re.escape(form)}(?![\w])")
            for m in pattern.finditer(self.text):
                if any(s < m.end() and m.start() < e for s, e in self.consumed):
                    continue
                self.consumed.append(m.span())
                self.inverted.append((m.span(), pid))

    def _prepare(self) -> list[_Candidate]:
        self._consume_inverted()
        if self.candidates is None:
            self.candidates = self._candidates()
            # Surnames used alone elsewhere in the text are evidence that a longer run is a person.
            self.single_words = frozenset(c.tokens[0].text for c in self.candidates if len(c.tokens) == 1)
        return self.candidates

    def learn(self) -> None:
        candidates = self._prepare()
        self._learn_acronyms()
        for cand in candidates:
            self._resolve(cand, learning=True)

    def run(self) -> list[Entity]:
        self.learn()
        self.last_mention.clear()
        out: list[Entity] = []
        for span, pid in self.inverted:
            known = self._person_name(pid)
            out.append(self._entity(pid, known.display, EntityType.PERSON, span, MentionKind.ALIAS))
        for cand in self._prepare():
            out.extend(self._resolve(cand, learning=False))
        out.sort(key=lambda e: (e.span[0], -e.span[1]))
        return out


def _upgrade_ok(old: PersonName, new: PersonName) -> bool:
    """A fuller form replaces a shorter one only when it extends it ("Franklin" -> "Franklin D.")."""
    return all(_given_compatible(a, b) for a, b in zip(old.given, new.given, strict=False))


# ---------------------------------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------------------------------


def find_entities(text: str, aliases: AliasTable | None = None) -> list[Entity]:
    """Find the people, organisations and places mentioned in ``text``, in text order.

    Full names seen anywhere in the text let surnames and initials elsewhere in it resolve; the
    table given is not changed (the text's own names are kept in a private child table).

    A person's span covers the name without its title.

    >>> [(e.text, e.id) for e in find_entities("President Roosevelt met Maxim Litvinov. Franklin D. Roosevelt")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Roosevelt', 'person:franklin-d-roosevelt'), ('Maxim Litvinov', 'person:maxim-litvinov'),
     ('Franklin D. Roosevelt', 'person:franklin-d-roosevelt')]
    """
    table = (aliases if aliases is not None else _builtin_table()).child()
    return _Analysis(text, table).run()


def canonical_entity(name: str, aliases: AliasTable | None = None) -> Entity | None:
    """Resolve a name on its own (not a text to search) to its entity; ``None`` for no name.

    The result's ``text`` is the stripped name and its span is that name's place in ``name``.

    >>> canonical_entity("U.S.S.R.").id, canonical_entity("President Franklin Roosevelt").id
    ('place:soviet-union', 'person:franklin-roosevelt')
    """
    stripped = name.strip()
    if not stripped or not re.search(r"[^\W\d_]", stripped):
        return None
    lead = len(name) - len(name.lstrip())
    table = (aliases if aliases is not None else _builtin_table()).child()
    analysis = _Analysis(stripped, table)
    span = (lead, lead + len(stripped))

    def rebase(entity: Entity) -> Entity:
        return Entity(entity.id, entity.name, entity.type, stripped, span, entity.via, entity.metonym_of)

    found = table.lookup(stripped) or table.demonym(stripped)
    if found is not None:
        record = table.record(found)
        via = MentionKind.DEMONYM if table.demonym(stripped) else MentionKind.ALIAS
        if record is not None:
            if _alias_key(record[0]) == _alias_key(stripped):
                via = MentionKind.NAME
            return Entity(found, record[0], record[1], stripped, span, via, record[2])
    # "Family, Given" and titled names are people by form.
    parsed = parse_person_name(stripped)
    words = stripped.split()
    n_title, strong = _title_prefix(words)
    if n_title and not strong and (len(words) - n_title < 2 or _type_from_words(words) is not None):
        n_title = 0  # "General Electric": a weak title before one word is not a person
    inverted = "," in stripped and parsed is not None and len(parsed.given) >= 1
    if parsed is not None and (n_title or inverted or len(words) >= 2):
        pid = analysis._match_person(parsed, 0)
        if pid is not None:
            known = analysis._person_name(pid)
            via = (
                MentionKind.NAME
                if known.display == parsed.display
                else (MentionKind.ALIAS if parsed.given else MentionKind.PARTIAL)
            )
            return Entity(pid, known.display, EntityType.PERSON, stripped, span, via)
        etype = _type_from_words(words) if not (n_title or inverted) else None
        if n_title or inverted or (etype is None and analysis._name_like(parsed.display.split())):
            return Entity(f"person:{slug(parsed.display)}", parsed.display, EntityType.PERSON, stripped, span)
    entities = _Analysis(stripped, table).run()
    if entities:
        best = max(entities, key=lambda e: (e.span[1] - e.span[0], -e.span[0]))
        if best.span[1] - best.span[0] == len(stripped):
            return rebase(best)
    if parsed is not None and len(words) == 1:
        pid = analysis._match_person(parsed, 0)
        if pid is not None:
            known = analysis._person_name(pid)
            return Entity(pid, known.display, EntityType.PERSON, stripped, span, MentionKind.PARTIAL)
    etype = _type_from_words(words) or EntityType.OTHER
    return Entity(f"{etype.value}:{slug(stripped)}", stripped, etype, stripped, span)


def _acronym(text: str) -> str | None:
    letters = re.sub(r"[.\s]", "", text)
    return letters if letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 5 else None


def same_entity(a: str, b: str, aliases: AliasTable | None = None) -> bool:
    """Whether two names name the same person, organisation or place.

    People compare by name structure (a surname alone agrees with any full name it fits; initials
    agree with the name they abbreviate); everything else by canonical id. Metonyms and related
    states are not the same entity (see :func:`related_entities`).

    >>> same_entity("Josef Stalin", "Joseph Stalin"), same_entity("Joseph Stalin", "Joseph Kennedy")
    (True, False)
    >>> same_entity("USSR", "Soviet Union"), same_entity("Moscow", "Soviet Union")
    (True, False)
    """
    ea, eb = canonical_entity(a, aliases), canonical_entity(b, aliases)
    if ea is None or eb is None:
        return False
    if ea.id == eb.id:
        return True
    persons = [e for e in (ea, eb) if e.type is EntityType.PERSON]
    if len(persons) == 2:
        pa, pb = parse_person_name(ea.name), parse_person_name(eb.name)
        return pa is not None and pb is not None and names_compatible(pa, pb)
    if len(persons) == 1:
        person, other, other_text = (ea, eb, b) if ea.type is EntityType.PERSON else (eb, ea, a)
        if other.via is not MentionKind.NAME or other.type is not EntityType.OTHER:
            return False
        pp = parse_person_name(person.name)
        if pp is None:
            return False
        acronym = _acronym(other_text.strip())
        if acronym is not None:
            return _initials_match(acronym, pp)
        po = parse_person_name(other_text)
        return po is not None and not po.given and names_compatible(po, pp)
    if ea.key == eb.key:
        return True
    # Unknown names compare by spelling-variant key ("Litvinoff" and "Litvinov").
    unknown = all(e.via is MentionKind.NAME and e.type is EntityType.OTHER for e in (ea, eb))
    return unknown and _name_key(ea.name) == _name_key(eb.name)


def _name_key(name: str) -> str:
    return " ".join(translit_key(w) for w in re.findall(r"[^\W\d_]+", name) if w.lower() not in ("the", "of"))


def related_entities(a: str, b: str, aliases: AliasTable | None = None) -> bool:
    """Whether two names are the same entity or closely related ones.

    Related: a seat of government and its state ("Moscow" and "Soviet Union"), predecessor and
    successor states ("Russia" and "Soviet Union"), two seats of one state.

    >>> related_entities("Moscow", "Soviet Union"), related_entities("Russia", "USSR")
    (True, True)
    >>> related_entities("France", "Japan")
    False
    """
    if same_entity(a, b, aliases):
        return True
    ea, eb = canonical_entity(a, aliases), canonical_entity(b, aliases)
    if ea is None or eb is None:
        return False
    table = aliases if aliases is not None else _builtin_table()
    targets_a = {ea.id, *ea.metonym_of}
    targets_b = {eb.id, *eb.metonym_of}
    if targets_a & targets_b:
        return True
    return any(table.linked(x, y) for x in sorted(targets_a) for y in sorted(targets_b))
