"""Sample people for the demo: names, streets, phones and e-mails from many countries.

Deterministic for a given random generator, so the demo and its tests see the same data.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class _Country:
    code: str
    first: tuple[str, ...]
    last: tuple[str, ...]
    cities: tuple[tuple[str, str, str], ...]  # (city, post code, county code)
    phone: str  # a format with # for digits
    domain: str
    company: str  # a format with {last}


COUNTRIES: tuple[_Country, ...] = (
    _Country(
        "DE",
        ("Jürgen", "Sören", "Käthe", "Jörg", "Ute", "Bärbel", "Lukas", "Anna"),
        ("Müller", "Schäfer", "Groß", "Köhler", "Weiß", "Bäcker", "Hoffmann", "Krüger"),
        (("München", "80331", "BY"), ("Köln", "50667", "NW"), ("Düsseldorf", "40213", "NW")),
        "+49 89 #######",
        "beispiel.de",
        "{last} GmbH",
    ),
    _Country(
        "FR",
        ("Amélie", "François", "Hélène", "Jérôme", "Noël", "Océane"),
        ("Lefèvre", "Dubois", "Moreau", "Girard", "Bérard", "Rousseau"),
        (("Paris", "75002", ""), ("Lyon", "69002", ""), ("Besançon", "25000", "")),
        "+33 1 ## ## ## ##",
        "exemple.fr",
        "{last} SARL",
    ),
    _Country(
        "PL",
        ("Łukasz", "Małgorzata", "Paweł", "Zofia", "Wojciech", "Agnieszka"),
        ("Wiśniewski", "Kowalczyk", "Żak", "Dąbrowska", "Szymański", "Łęcka"),
        (("Kraków", "30-001", ""), ("Łódź", "90-001", ""), ("Gdańsk", "80-001", "")),
        "+48 12 ### ## ##",
        "przyklad.pl",
        "{last} Sp. z o.o.",
    ),
    _Country(
        "GR",
        ("Γιώργος", "Μαρία", "Νίκος", "Ελένη", "Δημήτρης"),
        ("Παπαδόπουλος", "Οικονόμου", "Γεωργίου", "Νικολάου", "Κωνσταντίνου"),
        (("Αθήνα", "105 57", ""), ("Θεσσαλονίκη", "546 24", "")),
        "+30 21 0### ####",
        "paradeigma.gr",
        "{last} Α.Ε.",
    ),
    _Country(
        "JP",
        ("太郎", "花子", "健", "さくら", "翔"),
        ("佐藤", "鈴木", "高橋", "田中", "渡辺"),
        (("東京", "100-0001", "13"), ("大阪", "530-0001", "27")),
        "+81 3-####-####",
        "rei.jp",
        "{last}商事株式会社",
    ),
    _Country(
        "UA",
        ("Олександр", "Оксана", "Андрій", "Ірина", "Тарас"),
        ("Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко"),
        (("Київ", "01001", ""), ("Львів", "79000", "")),
        "+380 44 ### ####",
        "pryklad.ua",
        "ТОВ «{last}»",
    ),
    _Country(
        "GB",
        ("Oliver", "Amelia", "Harry", "Isla", "George"),
        ("Smith", "O'Brien", "Taylor", "Davies", "Wright"),
        (("London", "EC1A 1BB", ""), ("Manchester", "M1 1AE", "")),
        "+44 20 #### ####",
        "example.co.uk",
        "{last} Ltd",
    ),
    _Country(
        "US",
        ("James", "Mary", "Robert", "Patricia", "Michael"),
        ("Johnson", "Williams", "Brown", "Garcia", "Miller"),
        (("Austin", "73301", "TX"), ("Portland", "97201", "OR"), ("Boston", "02108", "MA")),
        "+1 512-###-####",
        "example.com",
        "{last} Inc.",
    ),
    _Country(
        "ES",
        ("José", "María", "Íñigo", "Begoña", "Ramón"),
        ("García", "Núñez", "Muñoz", "Peña", "Ibáñez"),
        (("Madrid", "28013", "M"), ("Sevilla", "41001", "SE")),
        "+34 91 ### ## ##",
        "ejemplo.es",
        "{last} S.L.",
    ),
)

COUNTIES: tuple[tuple[str, str, str], ...] = (
    ("DE", "BY", "Bayern"),
    ("DE", "NW", "Nordrhein-Westfalen"),
    ("US", "TX", "Texas"),
    ("US", "OR", "Oregon"),
    ("US", "MA", "Massachusetts"),
    ("ES", "M", "Madrid"),
    ("ES", "SE", "Sevilla"),
    ("JP", "13", "東京都"),
    ("JP", "27", "大阪府"),
)


_STREETS = {
    "DE": ("Hauptstraße", "Bahnhofstraße", "Gartenweg"),
    "FR": ("Rue de la Paix", "Avenue Victor Hugo", "Rue du Moulin"),
    "PL": ("ul. Długa", "ul. Kwiatowa", "ul. Polna"),
    "GB": ("High Street", "Station Road", "Church Lane"),
    "US": ("Main Street", "Oak Avenue", "Maple Drive"),
    "ES": ("Calle Mayor", "Calle Real", "Avenida del Sol"),
    "GR": ("Οδός Ερμού", "Οδός Αθηνάς", "Λεωφόρος Συγγρού"),
    "JP": ("中央通り", "本町", "桜通り"),
    "UA": ("вул. Шевченка", "вул. Франка", "просп. Свободи"),
}
_ROMAN = {"GR": "pelatis", "JP": "okyakusama", "UA": "klient"}


def ascii_fold(text: str) -> str:
    """A rough ASCII form for e-mail local parts and usernames."""
    special = {"ß": "ss", "ł": "l", "Ł": "L", "ø": "o", "æ": "ae"}
    text = "".join(special.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii() and (ch.isalnum() or ch in ".-"))


def _phone(rng: random.Random, pattern: str) -> str:
    return "".join(str(rng.randint(0, 9)) if ch == "#" else ch for ch in pattern)


@dataclass
class DemoPerson:
    """One sample person/company, the base of a back-office and/or a store customer."""

    country: _Country
    first: str
    last: str
    company: str
    city: str
    post_code: str
    county: str
    phone: str
    email: str
    street: str


def people_sample(count: int, rng: random.Random) -> list[DemoPerson]:
    people = []
    for number in range(count):
        country = COUNTRIES[number % len(COUNTRIES)]
        first, last = rng.choice(country.first), rng.choice(country.last)
        city, post_code, county = rng.choice(country.cities)
        is_company = rng.random() < 0.45
        company = country.company.format(last=last) if is_company else ""
        local = ascii_fold(f"{first}.{last}").lower().strip(".")
        if "." not in local:  # a name in another script: a romanized stand-in
            local = f"{_ROMAN.get(country.code, 'customer')}.{ascii_fold(city).lower() or 'shop'}"
        people.append(
            DemoPerson(
                country=country,
                first=first,
                last=last,
                company=company,
                city=city,
                post_code=post_code,
                county=county,
                phone=_phone(rng, country.phone),
                email=f"{local}{number}@{country.domain}",
                street=f"{rng.choice(_STREETS.get(country.code, _STREETS['US']))} "
                f"{rng.randint(1, 180)}",
            )
        )
    return people
