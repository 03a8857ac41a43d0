"""Branding settings (mkdocs.yml ``extra.course``): checked, then applied to the theme."""
from __future__ import annotations

import re
from html import escape
from pathlib import Path

COLOUR = re.compile(r"^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{8}|rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\)|[a-z]{3,20})$")
EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
NAMESPACE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
KNOWN = {"organisation", "logo", "primary_colour", "accent_colour", "footer_text", "contact_email",
         "contact_url", "storage_namespace", "labs", "moodle_version"}


def check(settings: dict, docs_dir: Path) -> list[str]:
    """Every problem with the branding settings, as 'mkdocs.yml (extra.course.X): ...' lines."""
    out = []
    where = "mkdocs.yml (extra.course.{})"
    for key in sorted(set(settings) - KNOWN):
        out.append(f"{where.format(key)}: unknown setting '{key}'. Fix: use one of {', '.join(sorted(KNOWN))}.")
    for key in ("primary_colour", "accent_colour"):
        value = settings.get(key) or ""
        if value and not COLOUR.match(str(value)):
            out.append(f"{where.format(key)}: expected a CSS colour such as '#005eb8' but found '{value}'. "
                       "Fix: write a hex colour (#rgb or #rrggbb), rgb(r, g, b) or a colour name.")
    logo = settings.get("logo") or ""
    if logo and not re.match(r"^[\w./-]+$", str(logo)):
        out.append(f"{where.format('logo')}: '{logo}' is not a plain file path. "
                   "Fix: use letters, digits, '-', '_', '.' and '/' only, e.g. assets/brand/logo.svg.")
    elif logo and not (docs_dir / logo).is_file():
        out.append(f"{where.format('logo')}: the logo file '{logo}' is not in docs/. "
                   "Fix: put the image under docs/ (e.g. docs/assets/brand/logo.svg) and give its path from docs/.")
    email = settings.get("contact_email") or ""
    if email and not EMAIL.match(str(email)):
        out.append(f"{where.format('contact_email')}: '{email}' is not an email address. Fix: write it as name@example.org.")
    url = settings.get("contact_url") or ""
    if url and not re.match(r"^https?://[^\s<>\"]+$", str(url)):
        out.append(f"{where.format('contact_url')}: '{url}' is not a web address. Fix: start it with https://.")
    ns = str(settings.get("storage_namespace") or "syslead")
    if not NAMESPACE.match(ns):
        out.append(f"{where.format('storage_namespace')}: '{ns}' is not a valid namespace. "
                   "Fix: use lowercase letters, digits and hyphens (up to 40), e.g. 'anytown-leadership'.")
    version = settings.get("moodle_version")
    if version not in (None, "") and not re.match(r"^\d+(\.\d+){0,2}$", str(version)):
        out.append(f"{where.format('moodle_version')}: expected a Moodle version such as 4.5 but found '{version}'. "
                   "Fix: write the version of the Moodle your tutors import into, e.g. moodle_version: \"4.5\", "
                   "or leave it empty for exports every Moodle and Totara imports.")
    if "labs" in settings and not isinstance(settings["labs"], bool):
        out.append(f"{where.format('labs')}: expected true or false but found '{settings['labs']}'. Fix: write labs: true or labs: false.")
    return out


TEXTS = ("organisation", "footer_text")  # printed by the theme's templates, which do not escape


def apply(config, settings: dict) -> None:
    if settings.get("logo"):
        config["theme"]["logo"] = settings["logo"]
    course = config["extra"].get("course")
    if isinstance(course, dict):  # the organisation's words show as text, never as markup
        for key in TEXTS:
            if course.get(key):
                course[key] = escape(str(course[key]))


def contact_html(settings: dict) -> str:
    """The organisation's contact line for the privacy and accessibility pages (escaped)."""
    parts = []
    if settings.get("organisation"):
        parts.append(f"This copy of the course is provided by {escape(str(settings['organisation']))}.")
    if settings.get("contact_email"):
        e = escape(str(settings["contact_email"]))
        parts.append(f'Email <a href="mailto:{e}">{e}</a>.')
    if settings.get("contact_url"):
        u = escape(str(settings["contact_url"]))
        parts.append(f'Contact page: <a href="{u}">{u}</a>.')
    return " " + " ".join(parts) if parts else ""
