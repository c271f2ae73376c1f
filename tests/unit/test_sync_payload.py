"""Payload, names, county, phone and push validation (no store involved)."""

from __future__ import annotations

import pytest

from wcconnector_gui.domain.customer import Customer
from wcconnector_gui.domain.setup import CountySource, NameSource, Setup
from wcconnector_gui.domain.templates import County
from wcconnector_gui.rules.names import CountyMap, first_and_last, imported_names, split_name
from wcconnector_gui.rules.payload import build_payload
from wcconnector_gui.rules.phone import PhoneError, match_key, to_e164
from wcconnector_gui.rules.validation import duplicate_problems, record_problem

F, L, C, N = (
    NameSource.FIRST_AND_LAST_NAME,
    NameSource.LAST_AND_FIRST_NAME,
    NameSource.COMPANY_NAME,
    NameSource.NONE,
)


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        ("2125550123", "US", "+12125550123"),  # xxxxxxxxxx
        ("+12125550123", "US", "+12125550123"),  # +xxxxxxxxxxx
        ("(212)555-0123", "US", "+12125550123"),  # (xxx)xxx-xxxx
        ("+1 212-555-0123", "DE", "+12125550123"),  # +x xxx-xxx-xxxx, any country
        ("030 1234567", "DE", "+49301234567"),
        ("", "US", ""),
    ],
)
def test_seed_phone_formats_normalize_to_e164(raw: str, country: str, expected: str) -> None:
    assert to_e164(raw, country) == expected


@pytest.mark.parametrize("raw", ["12", "call me", "+1 212"])
def test_unreadable_phone_is_a_plain_error(raw: str) -> None:
    with pytest.raises(PhoneError, match="cannot be read"):
        to_e164(raw, "US")


def test_phone_match_key_equal_across_formats() -> None:
    assert match_key("(212)555-0123", "US") == match_key("+1 212 555 0123", "")


def test_split_name_as_the_connector() -> None:
    assert split_name("  Anna Maria Schmidt ", F) == ("Anna", "Maria Schmidt")
    assert split_name("Schmidt Anna", L) == ("Anna", "Schmidt")
    assert split_name("Acme Ltd", C) is None
    assert split_name("Acme Ltd", N) is None


def test_name_priority_contact_then_name_2_then_name() -> None:
    c = Customer(no="C1", name="Acme Ltd", name_2="Bob Builder", contact="Jane Doe")
    setup = Setup(name_source=C, name_2_source=F, contact_source=F)
    assert first_and_last(c, setup) == ("Jane", "Doe")
    setup.contact_source = N
    assert first_and_last(c, setup) == ("Bob", "Builder")
    setup.name_2_source = C
    assert first_and_last(c, setup) == ("", "")  # Name is a company name: no split
    setup.name_source = L
    assert first_and_last(Customer(no="C1", name="Doe John"), setup) == ("John", "Doe")


def test_company_from_name_or_name_2() -> None:
    c = Customer(no="C1", name="Acme Ltd", name_2="Acme Sales", email="a@b.co", country_code="US")
    counties = CountyMap([], CountySource.CODE)
    body = build_payload(c, Setup(name_source=C), counties)
    assert body["billing"]["company"] == "Acme Ltd"
    body = build_payload(c, Setup(name_source=F, name_2_source=C), counties)
    assert body["billing"]["company"] == "Acme Sales"
    body = build_payload(c, Setup(name_source=F, name_2_source=F), counties)
    assert body["billing"]["company"] == ""


def test_an_update_without_a_persons_name_leaves_the_store_names_alone() -> None:
    c = Customer(no="C1", name="Acme Ltd", email="a@b.co", country_code="US")
    counties = CountyMap([], CountySource.CODE)
    created = build_payload(c, Setup(name_source=C), counties)
    assert created["first_name"] == created["billing"]["last_name"] == ""
    updated = build_payload(c, Setup(name_source=C), counties, update=True)
    for part in (updated, updated["billing"], updated["shipping"]):
        assert "first_name" not in part and "last_name" not in part
    assert updated["billing"]["company"] == "Acme Ltd"
    with_contact = Customer(no="C1", name="Acme Ltd", contact="Jo Ng", email="a@b.co")
    assert (
        build_payload(with_contact, Setup(name_source=C), counties, update=True)["last_name"]
        == "Ng"
    )


def test_imported_names_follow_the_sources() -> None:
    setup = Setup(name_source=C, name_2_source=F, contact_source=F)
    assert imported_names("Jane", "Doe", "Acme", setup) == {
        "name": "Acme",
        "name_2": "Jane Doe",
        "contact": "Jane Doe",
    }
    # No company: Name comes from Name 2 Source and Name 2 stays empty.
    assert imported_names("Jane", "Doe", "", setup)["name"] == "Jane Doe"
    setup = Setup(name_source=N, name_2_source=N, contact_source=L)
    assert imported_names("Jane", "Doe", "", setup) == {
        "name": "Doe Jane",
        "name_2": "",
        "contact": "",
    }


def test_county_code_or_name_through_the_counties_table() -> None:
    counties = [County("US", "NY", "New York"), County("US", "CA", "California")]
    by_code = CountyMap(counties, CountySource.CODE)
    by_name = CountyMap(counties, CountySource.NAME)
    assert by_code.to_state("ny", "US") == "NY"
    assert by_name.to_state("California", "US") == "CA"
    assert by_name.to_state("Calif", "US") == "CA"  # prefix, as the connector
    assert by_name.to_state("Bavaria", "DE") == "Bavaria"  # no table for DE: as is
    assert by_name.from_state("CA", "US") == "California"
    assert by_code.from_state("California", "US") == "CA"


def test_payload_has_addresses_e164_and_meta_with_its_id() -> None:
    c = Customer(
        no="C00010",
        name="Jane Doe",
        address="1 Main St",
        city="Albany",
        post_code="12207",
        county="New York",
        country_code="us",
        phone="(212)555-0123",
        email="jane@example.com",
    )
    setup = Setup(name_source=F, county_source=CountySource.NAME)
    counties = CountyMap([County("US", "NY", "New York")], CountySource.NAME)
    body = build_payload(c, setup, counties, meta_id=77, username="jane", password="pw")
    assert body["first_name"] == "Jane" and body["last_name"] == "Doe"
    for address in (body["billing"], body["shipping"]):
        assert address["state"] == "NY"
        assert address["country"] == "US"
        assert address["phone"] == "+12125550123"
    assert body["billing"]["email"] == "jane@example.com"
    assert body["meta_data"] == [{"key": "wcconnector_customer_no", "value": "C00010", "id": 77}]
    assert body["username"] == "jane" and body["password"] == "pw"
    assert "username" not in build_payload(c, setup, counties)


def _valid(**fields: str) -> Customer:
    values = {
        "no": "C1",
        "name": "Jane Doe",
        "address": "1 Main St",
        "city": "Albany",
        "country_code": "US",
        "phone": "2125550123",
        "email": "jane@example.com",
    }
    values.update(fields)
    return Customer(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "username", "store_username", "setup", "fragment"),
    [
        ({"email": "not-an-email"}, "", None, Setup(), "not a valid e-mail"),
        ({"email": ""}, "", None, Setup(), "e-mail address is empty"),
        ({"country_code": "XX"}, "", None, Setup(), "ISO 3166-1"),
        ({"phone": "12"}, "", None, Setup(), "cannot be read"),
        ({}, "bad/name", None, Setup(), "not a valid WordPress username"),
        ({}, "jane2", "jane", Setup(), "cannot be changed"),
        ({"address": ""}, "", None, Setup(strict_address=True, name_source=F), "address"),
        ({"name": "Acme"}, "", None, Setup(strict_address=True), "first name, last name"),
    ],
)
def test_push_validation_gives_one_plain_reason(
    fields: dict[str, str],
    username: str,
    store_username: str | None,
    setup: Setup,
    fragment: str,
) -> None:
    problem = record_problem(
        _valid(**fields), setup, username=username, store_username=store_username
    )
    assert problem is not None and fragment in problem


def test_valid_record_passes() -> None:
    setup = Setup(strict_address=True, name_source=F)
    assert record_problem(_valid(), setup, username="jane", store_username=None) is None
    assert record_problem(_valid(), setup, username="jane", store_username="jane") is None


def test_phone_and_email_must_be_unique_among_pushed_customers() -> None:
    a = _valid(no="C1", phone="(212)555-0123", email="a@example.com")
    b = _valid(no="C2", phone="+1 212-555-0123", email="b@example.com")
    c = _valid(no="C3", phone="2125550199", email="c@example.com")
    problems = duplicate_problems([a, b, c], [])
    assert set(problems) == {"C1", "C2"}
    assert "also used by customer C2" in problems["C1"]
    # Against the other store-bound customers of a selective sync:
    problems = duplicate_problems([c], [("C9", "C@Example.com", "", "US")])
    assert "e-mail address" in problems["C3"]
