"""Deterministic, varied demo customers for the sandbox store (``seed=N`` → N customers).

Several countries, non-Latin scripts for some names, phones in assorted national
formats, companies for some. The same N always gives the same customers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from wcconnector_gui.sandbox.store import SandboxStore, format_gmt

# first names, last names: (display, ascii) pairs so e-mails stay ASCII.
Name = tuple[str, str]


@dataclass(frozen=True)
class Country:
    code: str
    first: tuple[Name, ...]
    last: tuple[Name, ...]
    cities: tuple[tuple[str, str, str], ...]  # city, postcode, state
    streets: tuple[str, ...]
    phones: tuple[str, ...]  # format strings; # is a digit
    companies: tuple[str, ...]
    domains: tuple[str, ...]


def _pairs(*names: str) -> tuple[Name, ...]:
    return tuple((n.split("|")[0], n.split("|")[-1]) for n in names)


COUNTRIES = (
    Country(
        "DE",
        _pairs("Jürgen|juergen", "Anna", "Lukas", "Sophie", "Özlem|oezlem", "Maximilian"),
        _pairs(
            "Müller|mueller",
            "Schmidt",
            "Schäfer|schaefer",
            "Weiß|weiss",
            "Özdemir|oezdemir",
            "Hoffmann",
        ),
        (
            ("Berlin", "10115", "BE"),
            ("München", "80331", "BY"),
            ("Hamburg", "20095", "HH"),
            ("Köln", "50667", "NW"),
        ),
        ("Hauptstraße {n}", "Lindenallee {n}a", "Goethestr. {n}"),
        ("+49 30 ########", "030 #######", "0171/#######", "+49 (0)89 ######"),
        ("Müller & Söhne GmbH", "Baumann KG", "Nordlicht Handel GmbH"),
        ("example.de", "mail.example.com"),
    ),
    Country(
        "FR",
        _pairs("Élodie|elodie", "Jean", "Camille", "François|francois", "Chloé|chloe"),
        _pairs("Dubois", "Lefèvre|lefevre", "Martin", "Moreau", "Girard"),
        (("Paris", "75001", ""), ("Lyon", "69001", ""), ("Marseille", "13001", "")),
        ("{n} rue de la Paix", "{n} avenue Victor Hugo"),
        ("01 ## ## ## ##", "+33 6 ## ## ## ##", "06.##.##.##.##"),
        ("Boulangerie Dubois SARL", "Atelier Lumière"),
        ("example.fr",),
    ),
    Country(
        "NL",
        _pairs("Daan", "Emma", "Sanne", "Bram"),
        _pairs("de Vries", "van den Berg", "Jansen", "Bakker"),
        (("Amsterdam", "1012 AB", ""), ("Utrecht", "3511 AA", ""), ("Rotterdam", "3011 AD", "")),
        ("Keizersgracht {n}", "Dorpsstraat {n}"),
        ("06-########", "+31 20 ### ####", "020-#######"),
        ("Tulp B.V.", "Van den Berg Logistiek"),
        ("example.nl",),
    ),
    Country(
        "GB",
        _pairs("Oliver", "Amelia", "Harry", "Isla", "Siobhán|siobhan"),
        _pairs("Smith", "Jones", "O'Brien|obrien", "Taylor", "Williams"),
        (("London", "SW1A 1AA", ""), ("Manchester", "M1 1AE", ""), ("Leeds", "LS1 4AP", "")),
        ("{n} High Street", "Flat {n}, Rose Court"),
        ("020 #### ####", "+44 7700 ######", "07### ######"),
        ("Taylor & Co Ltd", "Greenleaf Ltd"),
        ("example.co.uk",),
    ),
    Country(
        "US",
        _pairs("James", "Mary", "Robert", "Jennifer", "Michael"),
        _pairs("Johnson", "Brown", "Garcia", "Miller", "Davis"),
        (("New York", "10001", "NY"), ("San Francisco", "94103", "CA"), ("Austin", "73301", "TX")),
        ("{n} Main St", "{n} Market Street, Suite 200"),
        ("(###) ###-####", "+1 415-###-####", "###.###.####"),
        ("Acme Corp.", "Blue Ridge Supplies LLC"),
        ("example.com", "example.org"),
    ),
    Country(
        "ES",
        _pairs("Lucía|lucia", "Javier", "Sofía|sofia", "Álvaro|alvaro"),
        _pairs("García|garcia", "Núñez|nunez", "Fernández|fernandez", "López|lopez"),
        (("Madrid", "28013", "M"), ("Barcelona", "08002", "B"), ("Sevilla", "41001", "SE")),
        ("Calle Mayor {n}", "Avenida de la Constitución {n}"),
        ("+34 91# ### ###", "6## ## ## ##"),
        ("Núñez y Asociados S.L.",),
        ("example.es",),
    ),
    Country(
        "IT",
        _pairs("Giulia", "Marco", "Francesca", "Niccolò|niccolo"),
        _pairs("Rossi", "Bianchi", "Esposito", "De Luca|deluca"),
        (("Roma", "00184", "RM"), ("Milano", "20121", "MI"), ("Napoli", "80133", "NA")),
        ("Via Roma {n}", "Piazza Garibaldi {n}"),
        ("+39 06 #### ####", "3## ### ####"),
        ("Rossi S.r.l.",),
        ("example.it",),
    ),
    Country(
        "PL",
        _pairs("Łukasz|lukasz", "Zofia", "Małgorzata|malgorzata", "Piotr"),
        _pairs("Wiśniewski|wisniewski", "Kowalska", "Wójcik|wojcik", "Nowak"),
        (("Warszawa", "00-001", ""), ("Kraków", "30-001", ""), ("Gdańsk", "80-001", "")),
        ("ul. Marszałkowska {n}", "ul. Długa {n}/{m}"),
        ("+48 22 ### ## ##", "5##-###-###"),
        ("Nowak Sp. z o.o.",),
        ("example.pl",),
    ),
    Country(
        "JP",
        _pairs("太郎|taro", "花子|hanako", "健|ken", "さくら|sakura"),
        _pairs("山田|yamada", "佐藤|sato", "鈴木|suzuki", "高橋|takahashi"),
        (("東京都千代田区", "100-0001", "JP13"), ("大阪市北区", "530-0001", "JP27")),
        ("丸の内{n}-{m}-1", "梅田{n}丁目{m}"),
        ("03-####-####", "+81 90-####-####"),
        ("株式会社山田商事",),
        ("example.jp",),
    ),
    Country(
        "GR",
        _pairs("Γιώργος|giorgos", "Μαρία|maria", "Νίκος|nikos", "Ελένη|eleni"),
        _pairs("Παπαδόπουλος|papadopoulos", "Γεωργίου|georgiou", "Οικονόμου|oikonomou"),
        (("Αθήνα", "105 57", "I"), ("Θεσσαλονίκη", "546 21", "B")),
        ("Οδός Ερμού {n}", "Λεωφόρος Κηφισίας {n}"),
        ("+30 21 #### ####", "69# ### ####"),
        ("Παπαδόπουλος Α.Ε.",),
        ("example.gr",),
    ),
)

# Fixed time range, so the data does not depend on the day the tests run.
_START = 1640995200  # 2022-01-01T00:00:00Z
_END = 1748736000  # 2025-06-01T00:00:00Z


def _digits(rng: random.Random, pattern: str) -> str:
    return "".join(str(rng.randint(0, 9)) if c == "#" else c for c in pattern)


def seed_customers(store: SandboxStore, count: int, *, seed: int | None = None) -> None:
    """Add ``count`` customers with role customer; ids follow the store's next id."""
    rng = random.Random(count if seed is None else seed)
    step = max((_END - _START - 86400 * 60) // max(count, 1), 1)
    for n in range(count):
        store.add_customer(**_customer_fields(rng, n, _START + n * step + rng.randint(0, step)))


def _customer_fields(rng: random.Random, n: int, created: int) -> dict[str, Any]:
    country = rng.choice(COUNTRIES)
    first, first_ascii = rng.choice(country.first)
    last, last_ascii = rng.choice(country.last)
    city, postcode, state = rng.choice(country.cities)
    street = rng.choice(country.streets).format(n=rng.randint(1, 180), m=rng.randint(1, 30))
    domain = rng.choice(country.domains)
    style = rng.random()
    if style < 0.6:
        local = f"{first_ascii}.{last_ascii}"
    elif style < 0.85:
        local = f"{first_ascii[0]}{last_ascii}"
    else:
        local = f"{last_ascii}_{first_ascii}"
    email = f"{local}{n + 1}@{domain}".lower().replace(" ", "").replace("'", "")
    if rng.random() < 0.05:
        email = email.capitalize()  # mixed case, as typed by a person
    company = rng.choice(country.companies) if rng.random() < 0.3 else ""
    phone = _digits(rng, rng.choice(country.phones))
    billing = {
        "first_name": first,
        "last_name": last,
        "company": company,
        "address_1": street,
        "address_2": "",
        "city": city,
        "postcode": postcode,
        "country": country.code,
        "state": state,
        "email": email if rng.random() < 0.85 else "",
        "phone": phone,
    }
    shipping = {k: v for k, v in billing.items() if k != "email"}
    shipping["phone"] = ""
    if rng.random() < 0.4:
        shipping = dict.fromkeys(shipping, "")
    fields: dict[str, Any] = {
        "email": email,
        "first_name": first if rng.random() < 0.95 else "",
        "last_name": last if rng.random() < 0.95 else "",
        "billing": billing,
        "shipping": shipping,
        "date_created_gmt": format_gmt(created),
        "date_modified_gmt": format_gmt(min(created + rng.randint(0, 400 * 86400), _END)),
    }
    if rng.random() < 0.2:
        fields["meta_data"] = [{"key": "newsletter", "value": rng.choice(["yes", "no"])}]
    return fields
