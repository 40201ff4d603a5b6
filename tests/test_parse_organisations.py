"""Organisations named in narratives and articles: names, acronyms, roles, and what is not one."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.parse.organisations import find_organisations
from kg.records import Organisation

IOM = "International Organization for Migration"


def seed_text(seeds_dir: Path, prefix: str, after: str = "Benefiting Member States") -> str:
    """A seed page's text after the line ``after`` (its narrative, or an article's body)."""
    lines = next(seeds_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8").split("\n")
    return "\n".join(lines[lines.index(after) + 1:])


def test_vanuatu_seed_names_the_ministry_with_its_acronym(seeds_dir: Path) -> None:
    assert find_organisations(seed_text(seeds_dir, "000")) == [
        Organisation("Ministry of Internal Affairs", None, "MoIA")]


def test_pacific_seed_names_no_organisation(seeds_dir: Path) -> None:
    assert find_organisations(seed_text(seeds_dir, "001")) == []


def test_fiji_vanuatu_seed_names_police_units_and_iom(seeds_dir: Path) -> None:
    assert find_organisations(seed_text(seeds_dir, "002")) == [
        Organisation("Fiji Police Force's Human Trafficking Unit"),
        Organisation("Transnational Crimes Unit"),
        Organisation(IOM, "implementing", "IOM"),
    ]


def test_saint_lucia_seed_names_acp_eu_and_ministry(seeds_dir: Path) -> None:
    assert find_organisations(seed_text(seeds_dir, "003")) == [
        Organisation("African, Caribbean and Pacific Group of States", None, "ACP"),
        Organisation("European Union", None, "EU"),
        Organisation("Ministry of Home Affairs and National Security"),
    ]


def test_viet_nam_article_names_donor_partners_and_implementers(seeds_dir: Path) -> None:
    title = ("An Interagency Approach to Combat Human Trafficking and Tackle Modern Slavery from "
             "Viet Nam")
    # The Modern Slavery Fund is the Home Office's fund, not an organisation of its own.
    assert find_organisations(seed_text(seeds_dir, "004", title), iom_role=None) == [
        Organisation(IOM, "implementing", "IOM"),
        Organisation("Ministry of Public Security", "partner"),
        Organisation("UK Home Office", "funding"),
        Organisation("British Council", "implementing"),
        Organisation("World Vision International", "implementing"),
    ]


def test_acronym_and_full_name_are_one_organisation() -> None:
    text = ("The Ministry of Labour (MoL) chairs the working group. MoL inspectors will visit "
            "farms, and the International Organization for Migration will train them. IOM staff "
            "will also brief the ministry.")
    assert find_organisations(text) == [Organisation("Ministry of Labour", None, "MoL"),
                                        Organisation(IOM, "implementing", "IOM")]


def test_iom_gets_the_given_default_role_only_when_the_text_gives_none() -> None:
    text = "IOM will open two migrant resource centres."
    assert find_organisations(text) == [Organisation(IOM, "implementing", "IOM")]
    assert find_organisations(text, iom_role=None) == [Organisation(IOM, None, "IOM")]
    funded = find_organisations("The study was funded by IOM.", iom_role="implementing")
    assert funded == [Organisation(IOM, "funding", "IOM")]


def test_funding_cue_covers_every_name_of_a_list_closed_by_and() -> None:
    text = ("The project is funded by the European Union, the Government of Japan and USAID, and "
            "implemented by IOM in partnership with UNODC and the Ministry of Justice.")
    assert [(org.name, org.role) for org in find_organisations(text)] == [
        ("European Union", "funding"),
        ("Government of Japan", "funding"),
        ("United States Agency for International Development", "funding"),
        (IOM, "implementing"),
        ("United Nations Office on Drugs and Crime", "partner"),
        ("Ministry of Justice", "partner"),
    ]


def test_name_after_a_comma_is_not_taken_into_the_donor_list() -> None:
    text = ("With funding from USAID, IOM trained officers of the Royal Solomon Islands Police "
            "Force.")
    assert find_organisations(text, iom_role=None) == [
        Organisation("United States Agency for International Development", "funding", "USAID"),
        Organisation(IOM, None, "IOM"),
        Organisation("Royal Solomon Islands Police Force"),
    ]


def test_partners_named_with_together_with_and_a_verb_are_implementers() -> None:
    text = ("UNHCR, together with Save the Children and the Jordan River Foundation, implemented "
            "the outreach. Partnering with UNICEF, the team also visited schools.")
    assert [(org.name, org.role) for org in find_organisations(text)] == [
        ("United Nations High Commissioner for Refugees", "implementing"),
        ("Save the Children", "implementing"),
        ("Jordan River Foundation", "implementing"),
        ("United Nations Children's Fund", "partner"),
    ]


def test_a_verb_after_a_programme_named_for_an_organisation_is_not_that_organisations() -> None:
    # The run of capitalised words names a programme that holds IOM's name: "funded" is said of
    # the programme, so IOM gets no funding role from it (only the default one).
    text = ("The project builds on the EU–IOM Joint Initiative for Migrant Protection and on the "
            "Better Migration Management Programme funded by the German Federal Foreign Office.")
    assert [(org.name, org.role) for org in find_organisations(text)] == [
        ("European Union", None),
        (IOM, "implementing"),
        ("German Federal Foreign Office", "funding"),
    ]


def test_a_verb_after_a_unit_of_an_organisation_is_that_organisations() -> None:
    text = ("The IOM Development Fund financed the assessment, and the UNHCR Regional Bureau "
            "implemented the survey.")
    assert [(org.name, org.role) for org in find_organisations(text, iom_role=None)] == [
        (IOM, "funding"),
        ("United Nations High Commissioner for Refugees", "implementing"),
    ]


@pytest.mark.parametrize("sentence", [
    "UNICEF funded by the Government of Japan",
    "UNICEF was funded in 2020",
    "UNICEF was successfully funded",
    "UNICEF were also financed",
])
def test_a_passive_verb_after_a_name_gives_it_no_role(sentence: str) -> None:
    found = find_organisations(f"In Fiji, {sentence} to reach schools.", iom_role=None)
    assert found[0] == Organisation("United Nations Children's Fund", None, "UNICEF")


def test_an_active_verb_after_a_name_still_gives_it_its_role() -> None:
    text = "In Fiji, UNICEF is implementing the plan, and UNDP has funded the survey."
    assert [(org.name, org.role) for org in find_organisations(text)] == [
        ("United Nations Children's Fund", "implementing"),
        ("United Nations Development Programme", "funding"),
    ]


def test_government_names_need_a_country() -> None:
    text = ("The Government will adopt the plan. The Vanuatu Government and the Royal Government "
            "of Cambodia signed it, as did the Government of Saint Lucia.")
    assert [org.name for org in find_organisations(text)] == [
        "Government of Vanuatu", "Royal Government of Cambodia", "Government of Saint Lucia"]


def test_possessive_of_a_bare_force_is_dropped_but_a_named_owner_kept() -> None:
    text = ("Similarly, the Police Force’s Transnational Crimes Unit will share data with Tonga's "
            "Ministry of Foreign Affairs and the Viet Nam Women's Union.")
    assert [org.name for org in find_organisations(text)] == [
        "Transnational Crimes Unit", "Ministry of Foreign Affairs", "Viet Nam Women's Union"]


def test_possessive_of_a_known_organisation_names_that_organisation() -> None:
    text = "IOM's Development Fund supports the pilot, and UNHCR's protection unit advises it."
    assert [org.name for org in find_organisations(text)] == [
        IOM, "United Nations High Commissioner for Refugees"]


def test_ministry_portfolio_lists_stay_one_name() -> None:
    text = ("IOM Ghana, the Ghana Immigration Service (GIS) and the Ministry of Gender, Children "
            "and Social Protection (MoGCSP) organized the event; GIS officers attended.")
    assert find_organisations(text, iom_role=None) == [
        Organisation(IOM, None, "IOM"),
        Organisation("Ghana Immigration Service", None, "GIS"),
        Organisation("Ministry of Gender, Children and Social Protection", None, "MoGCSP"),
    ]


def test_french_names_and_roles() -> None:
    text = ("Le projet, financé par l'Union européenne, est mis en œuvre par l'OIM en partenariat "
            "avec le Ministère de l'Intérieur et la Cellule nationale de lutte contre la traite "
            "des personnes (CNLTP). La CNLTP coordonne les comités régionaux.")
    assert find_organisations(text) == [
        Organisation("European Union", "funding", "EU"),
        Organisation(IOM, "implementing", "IOM"),
        Organisation("Ministère de l'Intérieur", "partner"),
        Organisation("Cellule nationale de lutte contre la traite des personnes", "partner",
                     "CNLTP"),
    ]


def test_spanish_names_and_roles() -> None:
    text = ("El proyecto, financiado por el Gobierno de los Estados Unidos, fue ejecutado por la "
            "OIM en coordinación con el Ministerio de Trabajo y Previsión Social y el Consejo "
            "Nacional de Atención al Migrante de Guatemala (CONAMIGUA).")
    assert find_organisations(text) == [
        Organisation("Gobierno de los Estados Unidos", "funding"),
        Organisation(IOM, "implementing", "IOM"),
        Organisation("Ministerio de Trabajo y Previsión Social", "partner"),
        Organisation("Consejo Nacional de Atención al Migrante de Guatemala", "partner",
                     "CONAMIGUA"),
    ]


@pytest.mark.parametrize("text", [
    "The National Action Plan (NAP) was launched in Port Vila.",
    "Strengthening Migration Governance in Tonga will start next year.",
    "In Fiji, the task falls to the police. Vanuatu and Tonga agreed.",
    "The Government and the Steering Committee met the Technical Working Group.",
    "Standard Operating Procedures were drafted. Building on this, Partnering Communities met.",
    "Workshop participants from Pacific Islands Countries shared lessons (Outcome 1).",
])
def test_capitalised_words_that_are_not_organisations_are_left_out(text: str) -> None:
    assert find_organisations(text) == []


def test_the_same_text_gives_the_same_list_twice(seeds_dir: Path) -> None:
    text = seed_text(seeds_dir, "002")
    assert find_organisations(text) == find_organisations(text)


@pytest.mark.parametrize(("text", "name"), [
    ("It answers a request from the Immigration Department of South Sudan on diaspora work.",
     "Immigration Department of South Sudan"),
    ("The Ministry of Foreign Affairs of Bosnia and Herzegovina hosts the board.",
     "Ministry of Foreign Affairs of Bosnia and Herzegovina"),
    ("Staff of the Ministry of National Security of Trinidad and Tobago took part.",
     "Ministry of National Security of Trinidad and Tobago"),
    ("The Ministry of Health Vanuatu leads the work.", "Ministry of Health"),
    ("The Ministry of Health South Sudan leads the work.", "Ministry of Health"),
])
def test_a_multi_word_country_ending_a_name_is_kept_whole_or_dropped_whole(
        text: str, name: str) -> None:
    assert [org.name for org in find_organisations(text, iom_role=None)] == [name]


UNDP = Organisation("United Nations Development Programme", None, "UNDP")
UNHCR = Organisation("United Nations High Commissioner for Refugees", None, "UNHCR")
UNICEF = Organisation("United Nations Children's Fund", None, "UNICEF")


@pytest.mark.parametrize(("text", "expected"), [
    ("Les kits ont été remis avec le Programme des Nations Unies pour le développement (PNUD).",
     [UNDP]),
    ("Le Fonds des Nations Unies pour l'enfance a équipé les écoles.", [UNICEF]),
    ("Le Fonds des Nations Unies pour l’enfance a équipé les écoles.", [UNICEF]),
    ("Los kits se entregaron con el Programa de las Naciones Unidas para el Desarrollo (PNUD).",
     [UNDP]),
    ("El Fondo de las Naciones Unidas para la Infancia equipó las escuelas.", [UNICEF]),
    ("El Alto Comisionado de las Naciones Unidas para los Refugiados (ACNUR) abrió un centro.",
     [UNHCR]),
])
def test_un_agencies_named_in_french_or_spanish_are_the_agencies_not_the_un(
        text: str, expected: list[Organisation]) -> None:
    assert find_organisations(text, iom_role=None) == expected


@pytest.mark.parametrize("text", [
    "Les familles déplacées sont enregistrées par le Haut-Commissariat des Nations Unies pour "
    "les réfugiés (HCR). Le HCR remet ensuite les dossiers aux communes.",
    "Les familles déplacées sont enregistrées par le Haut-Commissariat des Nations unies pour "
    "les réfugiés (HCR). Le HCR remet ensuite les dossiers aux communes.",
    "Las familias se registran en la Oficina del Alto Comisionado de las Naciones Unidas para "
    "los Refugiados (ACNUR). El ACNUR entrega luego los expedientes a las alcaldías.",
])
def test_a_known_name_with_the_acronym_its_language_gives_is_the_known_organisation(
        text: str) -> None:
    assert find_organisations(text, iom_role=None) == [UNHCR]


@pytest.mark.parametrize("text", [
    "La campagne est menée avec l'Organisation mondiale de la Santé (OMS). L'OMS forme les agents.",
    "La campaña se realiza con la Organización Mundial de la Salud (OMS). La OMS capacita al "
    "personal.",
])
def test_who_named_in_french_or_spanish_is_the_world_health_organization(text: str) -> None:
    # With the table's acronym, as UNHCR named "HCR" or "ACNUR" keeps "UNHCR".
    assert find_organisations(text, iom_role=None) == [
        Organisation("World Health Organization", None, "WHO")]


def test_the_un_itself_named_in_french_is_still_the_un() -> None:
    text = "Le système des Nations Unies appuie le plan national."
    assert find_organisations(text, iom_role=None) == [Organisation("United Nations", None, "UN")]


def test_audit_article_names_iom_and_undp_and_not_the_un() -> None:
    page = Path(__file__).resolve().parent / "fixtures" / "pages" / "news_fr_un_agency_names.txt"
    text = page.read_text(encoding="utf-8")
    assert find_organisations(text, iom_role=None) == [
        Organisation(IOM, None, "IOM"), UNDP]


@pytest.mark.parametrize("text", [
    "Most labour migrants from Tajikistan work in the Russian Federation during the season.",
    "Returns from the Russian Federation grew after the rouble fell.",
    "The Union of the Comoros and the Republic of the Congo signed the agreement.",
])
def test_a_country_whose_name_ends_in_an_organisation_noun_is_no_organisation(text: str) -> None:
    assert find_organisations(text) == []


def test_a_ministry_of_a_country_named_so_is_still_an_organisation() -> None:
    assert find_organisations("The Ministry of Labour of the Russian Federation took part.") == [
        Organisation("Ministry of Labour of the Russian Federation")]


WHO = Organisation("World Health Organization", None, "WHO")


@pytest.mark.parametrize(("text", "expected"), [
    ("Nurses in Honiara were trained with WHO and the Ministry of Health in March.",
     [WHO, Organisation("Ministry of Health")]),
    ("The cold chain for the vaccination rounds was supported by WHO.", [WHO]),
    ("WHO and UNICEF shared the screening protocol with district clinics.",
     [WHO, Organisation("United Nations Children's Fund", None, "UNICEF")]),
    ("The border clinics follow WHO's guidance on tuberculosis screening.", [WHO]),
    ("The border clinics follow the WHO COVID-19 guidance for travellers.", [WHO]),
    ("Teams from UNHCR, UNICEF, WHO and IOM visited the camp.",
     [UNHCR, Organisation("United Nations Children's Fund", None, "UNICEF"), WHO,
      Organisation(IOM, None, "IOM")]),
])
def test_who_written_in_capitals_in_running_text_is_the_world_health_organization(
        text: str, expected: list[Organisation]) -> None:
    assert find_organisations(text, iom_role=None) == expected


def test_who_named_in_full_then_by_its_acronym_is_one_organisation() -> None:
    text = ("The World Health Organization (WHO) drafted the referral forms. WHO then trained "
            "the health workers of the four border posts.")
    assert find_organisations(text, iom_role=None) == [WHO]


@pytest.mark.parametrize("text", [
    "WHO WE ARE\nThe office in Dili opened in 1999 and serves returning workers.",
    "WHO BENEFITS\nFishing communities on the northern coast of the island.",
    "WHO WE AREIOM has worked with the authorities on labour migration since 2005.",
    "PROJECT SUMMARY\nWHO BENEFITS?\nWomen and children returning from the camps.",
    "The trainers, who came from the capital, met the village chiefs.",
    "Who pays the recruitment fees was the first question the workers asked.",
    "Returnees Who Found Work at Home",
])
def test_who_as_a_pronoun_or_in_a_line_of_capitals_is_no_organisation(text: str) -> None:
    assert find_organisations(text, iom_role=None) == []


def test_a_headline_in_capitals_names_iom_but_not_who() -> None:
    text = "IOM AND WHO SIGN HEALTH AGREEMENT\nThe agreement covers the clinics of three islands."
    assert find_organisations(text, iom_role=None) == [Organisation(IOM, None, "IOM")]


UN = Organisation("United Nations", None, "UN")


@pytest.mark.parametrize(("text", "expected"), [
    ("IOM and the UN agreed to share the registration data of returnees.",
     [Organisation(IOM, None, "IOM"), UN]),
    ("UN agencies met the district officers in Dili on Tuesday.", [UN]),
    ("The shelters follow the UN's guidance on the care of unaccompanied children.", [UN]),
    ("UN Women opened a shelter for survivors in Suva.", [Organisation("UN Women")]),
    ("The plan was drafted by the UN Country Team.", [UN]),
    # A heading in English capitals: "un" is no English word, so "UN" stays the UN there.
    ("IOM AND UN PARTNERS LAUNCH A NEW PLAN FOR RETURNEES\nThe plan covers four provinces.",
     [Organisation(IOM, None, "IOM"), UN]),
    ("THE UN AND IOM SIGN A HEALTH AGREEMENT\nIt covers the clinics of three islands.",
     [UN, Organisation(IOM, None, "IOM")]),
    ("UN AGENCIES MEET IN SUVA\nThe meeting on cyclone shelters lasted two days.", [UN]),
])
def test_the_un_by_its_acronym_is_the_united_nations(
        text: str, expected: list[Organisation]) -> None:
    assert find_organisations(text, iom_role=None) == expected


@pytest.mark.parametrize("text", [
    "UN PROJET POUR LES JEUNES\nLes formations commencent à Dakar le mois prochain.",
    "UN DES PROJETS PHARES DE LA RÉGION\nIl forme les jeunes de trois provinces.",
    "UN NUEVO PROYECTO PARA LOS JÓVENES\nLos cursos empiezan en Tapachula en mayo.",
])
def test_un_as_the_french_or_spanish_article_in_capitals_is_no_organisation(text: str) -> None:
    assert find_organisations(text, iom_role=None) == []


@pytest.mark.parametrize("text", [
    "UN NOUVEAU CENTRE POUR LES MIGRANTS\nLe centre de Niamey ouvrira ses portes en mai.",
    "UN NUEVO CENTRO PARA MIGRANTES\nEl centro abrirá sus puertas en Tapachula en mayo.",
])
def test_un_before_a_heading_naming_a_centre_is_not_the_united_nations(text: str) -> None:
    # The words after the article are read as they are without it ("LE NOUVEAU CENTRE ...").
    assert UN not in find_organisations(text, iom_role=None)


def test_a_french_heading_in_capitals_names_iom_but_not_the_un() -> None:
    text = "L'OIM ET UN PARTENAIRE LOCAL FORMENT LES JEUNES\nLa formation dure trois mois."
    assert find_organisations(text, iom_role=None) == [Organisation(IOM, None, "IOM")]


UN_HABITAT = Organisation("United Nations Human Settlements Programme", None, "UN-Habitat")


@pytest.mark.parametrize("text", [
    "UN-Habitat and IOM signed an agreement on shelters for displaced families.",
    "UN Habitat and IOM signed an agreement on shelters for displaced families.",
    "ONU-Habitat et l'OIM ont signé un accord sur les abris des familles déplacées.",
    "The United Nations Human Settlements Programme (UN-Habitat) and IOM signed an agreement.",
    "Le Programme des Nations Unies pour les établissements humains (ONU-Habitat) et l'OIM ont "
    "signé un accord.",
])
def test_un_habitat_is_its_own_organisation_not_the_un(text: str) -> None:
    assert find_organisations(text, iom_role=None) == [UN_HABITAT, Organisation(IOM, None, "IOM")]


UN_WOMEN = Organisation("UN Women")


@pytest.mark.parametrize("text", [
    "A NEW CENTRE FOR MIGRANTS OPENS IN SUVA\nIt offers counselling to returning workers.",
    "THE MINISTRY OF LABOUR OPENS A NEW OFFICE\nThe office serves seasonal workers in Ba.",
    "MINISTRY OF LABOUR SIGNS A PLEDGE\nThe pledge covers recruitment fees.",
    "NATIONAL POLICE ACADEMY WELCOMES ITS FIRST CLASS\nForty cadets began in March.",
    "UN NOUVEAU CENTRE POUR LES MIGRANTS\nLe centre de Niamey ouvrira ses portes en mai.",
    "UN NUEVO CENTRO PARA MIGRANTES\nEl centro abrirá sus puertas en Tapachula en mayo.",
])
def test_a_heading_in_capitals_names_no_organisation_the_table_does_not_know(text: str) -> None:
    # In capitals every word is capitalised: nothing tells where a name would end.
    assert find_organisations(text, iom_role=None) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("INTERNATIONAL ORGANIZATION FOR MIGRATION\nThe office in Suva opened in 2005.",
     [Organisation(IOM, None, "IOM")]),
    ("IOM AND UN WOMEN LAUNCH A CAMPAIGN AGAINST TRAFFICKING\nIt runs for six months.",
     [Organisation(IOM, None, "IOM"), UN_WOMEN]),
    ("IOM AND THE MINISTRY OF HEALTH SIGN AN AGREEMENT\nIt covers three clinics.",
     [Organisation(IOM, None, "IOM")]),
    ("THE WORLD HEALTH ORGANIZATION AND IOM TRAIN BORDER NURSES\nThe course lasts a week.",
     [WHO, Organisation(IOM, None, "IOM")]),
    ("UN-HABITAT AND IOM REBUILD SHELTERS IN TACLOBAN\nThe shelters house 300 families.",
     [UN_HABITAT, Organisation(IOM, None, "IOM")]),
    ("ONU-HABITAT ET L'OIM RECONSTRUISENT DES ABRIS À GONAÏVES\nLes abris logent 300 familles.",
     [UN_HABITAT, Organisation(IOM, None, "IOM")]),
    ("L'ORGANISATION INTERNATIONALE POUR LES MIGRATIONS OUVRE UN CENTRE À NIAMEY\n"
     "Le centre accueille les migrants de retour.", [Organisation(IOM, None, "IOM")]),
    ("LA ORGANIZACIÓN MUNDIAL DE LA SALUD Y LA OIM FIRMAN UN ACUERDO\nCubre tres clínicas.",
     [WHO, Organisation(IOM, None, "IOM")]),
])
def test_a_known_organisation_written_in_capitals_is_that_organisation(
        text: str, expected: list[Organisation]) -> None:
    assert find_organisations(text, iom_role=None) == expected


def test_a_name_in_capitals_closed_by_its_acronym_is_an_organisation() -> None:
    text = ("THE MINISTRY OF LABOUR (MOL) OPENS A NEW OFFICE IN SUVA\n"
            "The office serves seasonal workers.")
    assert find_organisations(text, iom_role=None) == [
        Organisation("MINISTRY OF LABOUR", None, "MOL")]


@pytest.mark.parametrize(("text", "name"), [
    ("Training for the National Police Academy of Ghana started in May.",
     "National Police Academy of Ghana"),
    ("Forty cadets of the Ghana Police Academy took the course.", "Ghana Police Academy"),
    ("The Kenya Police College hosted the course on victim identification.",
     "Kenya Police College"),
    ("Les cadets de l'Académie nationale de police (ANP) ont suivi la formation.",
     "Académie nationale de police"),
    ("El curso se dictó en la Academia Nacional de Policía de Honduras.",
     "Academia Nacional de Policía de Honduras"),
])
def test_an_academy_or_college_heads_an_organisation_name(text: str, name: str) -> None:
    assert [org.name for org in find_organisations(text, iom_role=None)] == [name]


@pytest.mark.parametrize("text", [
    "The Academy opened its doors to forty cadets in March.",
    "Cadets trained at the Police Academy and the College in March.",
    "The Academy of the new centre opens in May.",
    "Farmer Field School sessions were held in four villages.",
    "Children of Primary School age were enrolled in the catch-up classes.",
])
def test_a_bare_academy_or_college_or_a_school_names_no_organisation(text: str) -> None:
    assert find_organisations(text, iom_role=None) == []
