"""The member states generated pages name: 127 of them in the five IDF regions, as project pages
write them, with the capital a news dateline names, and their French and Spanish names.

Real Development Fund projects benefit some 130 developing member states, so 100,000
generated projects spread over all of them (about 1,300 a state) rather than over a few dozen.
French and Spanish names come from the shipped reference table (``kg/reference/countries.csv``)
where it gives the form a page writes; the table's inverted forms ("Tanzanie, République unie
de") give way to the forms below.
"""

from __future__ import annotations

from functools import cache

from kg.reference.countries import load_countries

REGIONS: dict[str, dict[str, str]] = {
    "Asia and Oceania": {
        "Fiji": "Suva", "Tonga": "Nuku'alofa", "Vanuatu": "Port Vila", "Viet Nam": "Ha Noi",
        "Papua New Guinea": "Port Moresby", "Samoa": "Apia", "Solomon Islands": "Honiara",
        "Timor-Leste": "Dili", "Cambodia": "Phnom Penh", "Philippines": "Manila",
        "Bangladesh": "Dhaka", "Nepal": "Kathmandu", "Sri Lanka": "Colombo",
        "Pakistan": "Islamabad", "Afghanistan": "Kabul", "Mongolia": "Ulaanbaatar",
        "Myanmar": "Nay Pyi Taw", "Lao People's Democratic Republic": "Vientiane",
        "Indonesia": "Jakarta", "Thailand": "Bangkok", "Malaysia": "Kuala Lumpur",
        "Maldives": "Malé", "Kiribati": "Tarawa", "Tuvalu": "Funafuti",
        "Marshall Islands": "Majuro", "Micronesia (Federated States of)": "Palikir",
        "Nauru": "Yaren", "Palau": "Ngerulmud", "India": "New Delhi",
    },
    "Latin America and the Caribbean": {
        "Saint Lucia": "Castries", "Trinidad and Tobago": "Port of Spain",
        "Guyana": "Georgetown", "Saint Vincent and the Grenadines": "Kingstown",
        "Costa Rica": "San José", "Dominican Republic": "Santo Domingo",
        "El Salvador": "San Salvador", "Belize": "Belmopan", "Guatemala": "Guatemala City",
        "Honduras": "Tegucigalpa", "Nicaragua": "Managua", "Panama": "Panama City",
        "Colombia": "Bogotá", "Ecuador": "Quito", "Peru": "Lima",
        "Bolivia (Plurinational State of)": "La Paz", "Paraguay": "Asunción",
        "Argentina": "Buenos Aires", "Brazil": "Brasília", "Chile": "Santiago",
        "Uruguay": "Montevideo", "Mexico": "Mexico City", "Haiti": "Port-au-Prince",
        "Jamaica": "Kingston", "Dominica": "Roseau", "Grenada": "St. George's",
        "Antigua and Barbuda": "St. John's", "Saint Kitts and Nevis": "Basseterre",
        "Suriname": "Paramaribo", "Bahamas": "Nassau", "Barbados": "Bridgetown",
    },
    "Europe": {
        "Bosnia and Herzegovina": "Sarajevo", "North Macedonia": "Skopje",
        "Republic of Moldova": "Chisinau", "Ukraine": "Kyiv", "Serbia": "Belgrade",
        "Montenegro": "Podgorica", "Albania": "Tirana", "Armenia": "Yerevan",
        "Azerbaijan": "Baku", "Georgia": "Tbilisi", "Belarus": "Minsk", "Türkiye": "Ankara",
        "Kazakhstan": "Astana", "Kyrgyzstan": "Bishkek", "Tajikistan": "Dushanbe",
        "Turkmenistan": "Ashgabat", "Uzbekistan": "Tashkent",
    },
    "Africa": {
        "Côte d'Ivoire": "Abidjan", "Burkina Faso": "Ouagadougou", "Sierra Leone": "Freetown",
        "South Sudan": "Juba", "Cabo Verde": "Praia", "United Republic of Tanzania": "Dodoma",
        "Democratic Republic of the Congo": "Kinshasa", "Ghana": "Accra", "Nigeria": "Abuja",
        "Niger": "Niamey", "Mali": "Bamako", "Senegal": "Dakar", "Guinea": "Conakry",
        "Guinea-Bissau": "Bissau", "Gambia": "Banjul", "Liberia": "Monrovia", "Togo": "Lomé",
        "Benin": "Porto-Novo", "Cameroon": "Yaoundé", "Chad": "N'Djamena",
        "Central African Republic": "Bangui", "Congo": "Brazzaville", "Gabon": "Libreville",
        "Ethiopia": "Addis Ababa", "Kenya": "Nairobi", "Uganda": "Kampala", "Rwanda": "Kigali",
        "Burundi": "Gitega", "Somalia": "Mogadishu", "Djibouti": "Djibouti",
        "Zambia": "Lusaka", "Zimbabwe": "Harare", "Malawi": "Lilongwe",
        "Mozambique": "Maputo", "Madagascar": "Antananarivo", "Angola": "Luanda",
        "Namibia": "Windhoek", "Lesotho": "Maseru", "Eswatini": "Mbabane",
        "Mauritania": "Nouakchott",
    },
    "Middle East and North Africa": {
        "Egypt": "Cairo", "Jordan": "Amman", "Lebanon": "Beirut", "Morocco": "Rabat",
        "Tunisia": "Tunis", "Iraq": "Baghdad", "Yemen": "Sana'a", "Libya": "Tripoli",
        "Sudan": "Khartoum", "Algeria": "Algiers",
    },
}
CAPITALS = {state: capital for states in REGIONS.values() for state, capital in states.items()}
_WRITTEN = {
    "fr": {"United Republic of Tanzania": "République-Unie de Tanzanie",
           "Democratic Republic of the Congo": "République démocratique du Congo",
           "Republic of Moldova": "République de Moldova",
           "Lao People's Democratic Republic": "République démocratique populaire lao",
           "Bolivia (Plurinational State of)": "Bolivie (État plurinational de)",
           "Micronesia (Federated States of)": "Micronésie (États fédérés de)"},
    "es": {"United Republic of Tanzania": "República Unida de Tanzanía",
           "Democratic Republic of the Congo": "República Democrática del Congo",
           "Republic of Moldova": "República de Moldova",
           "Bolivia (Plurinational State of)": "Bolivia (Estado Plurinacional de)",
           "Micronesia (Federated States of)": "Micronesia (Estados Federados de)",
           "Trinidad and Tobago": "Trinidad y Tabago"},
}


@cache
def _reference_names() -> dict[str, dict[str, str]]:
    """Each reference country's French and Spanish names and ISO alpha-2 code, by every
    English form it has."""
    names: dict[str, dict[str, str]] = {}
    for country in load_countries():
        for english in (country.name, *country.variants):
            names.setdefault(english, {"fr": country.name_fr, "es": country.name_es,
                                       "iso2": country.iso2})
    return names


def iso2(state: str) -> str:
    """The ISO 3166 alpha-2 code of ``state`` (its English page form), as Prima IDs open."""
    return _reference_names()[state]["iso2"]


def written_in(language: str, state: str) -> str:
    """How a page in ``language`` ("fr", "es") writes ``state`` (its English page form)."""
    if state in _WRITTEN[language]:
        return _WRITTEN[language][state]
    name = _reference_names().get(state, {}).get(language)
    return name if name and "," not in name else state
