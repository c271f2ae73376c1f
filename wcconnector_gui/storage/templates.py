"""Customer templates, country templates and counties."""

from __future__ import annotations

from dataclasses import asdict

from sqlite_utils import Database

from wcconnector_gui.domain.templates import CountryTemplate, County, CustomerTemplate


class TemplateRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # customer templates
    def list_templates(self) -> list[CustomerTemplate]:
        rows = self.db.query("SELECT * FROM customer_templates ORDER BY code")
        return [CustomerTemplate(**{**r, "blocked": bool(r["blocked"])}) for r in rows]

    def get_template(self, code: str) -> CustomerTemplate | None:
        rows = list(self.db.query("SELECT * FROM customer_templates WHERE code = ?", [code]))
        return (
            CustomerTemplate(**{**rows[0], "blocked": bool(rows[0]["blocked"])}) if rows else None
        )

    def save_template(self, template: CustomerTemplate) -> None:
        row = asdict(template)
        row["blocked"] = 1 if template.blocked else 0
        self.db.table("customer_templates").upsert(row, pk="code")

    def country_templates_using(self, code: str) -> list[str]:
        """The countries whose country template names customer template ``code``."""
        rows = self.db.execute(
            "SELECT country_code FROM country_templates WHERE template_code = ? "
            "ORDER BY country_code",
            [code],
        ).fetchall()
        return [str(r[0]) for r in rows]

    def delete_template(self, code: str) -> None:
        self.db.execute("DELETE FROM customer_templates WHERE code = ?", [code])

    # country templates
    def list_country_templates(self) -> list[CountryTemplate]:
        rows = self.db.query("SELECT * FROM country_templates ORDER BY country_code")
        return [CountryTemplate(**r) for r in rows]

    def get_country_template(self, country_code: str) -> CountryTemplate | None:
        rows = list(
            self.db.query(
                "SELECT * FROM country_templates WHERE country_code = ?", [country_code.upper()]
            )
        )
        return CountryTemplate(**rows[0]) if rows else None

    def save_country_template(self, template: CountryTemplate) -> None:
        row = asdict(template)
        row["country_code"] = template.country_code.upper()
        self.db.table("country_templates").upsert(row, pk="country_code")

    def delete_country_template(self, country_code: str) -> None:
        self.db.execute(
            "DELETE FROM country_templates WHERE country_code = ?", [country_code.upper()]
        )

    # counties
    def list_counties(self, country_code: str | None = None) -> list[County]:
        if country_code is None:
            rows = self.db.query("SELECT * FROM counties ORDER BY country_code, code")
        else:
            rows = self.db.query(
                "SELECT * FROM counties WHERE country_code = ? ORDER BY code",
                [country_code.upper()],
            )
        return [County(**r) for r in rows]

    def get_county(self, country_code: str, code: str) -> County | None:
        rows = list(
            self.db.query(
                "SELECT * FROM counties WHERE country_code = ? AND code = ?",
                [country_code.upper(), code],
            )
        )
        return County(**rows[0]) if rows else None

    def save_county(self, county: County) -> None:
        row = asdict(county)
        row["country_code"] = county.country_code.upper()
        self.db.table("counties").upsert(row, pk=("country_code", "code"))

    def delete_county(self, country_code: str, code: str) -> None:
        self.db.execute(
            "DELETE FROM counties WHERE country_code = ? AND code = ?", [country_code.upper(), code]
        )
