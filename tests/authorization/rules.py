"""Who may request each route: one rule per route pattern (or family of routes), first match wins.

Every route of the project must match a rule (``test_routes.py`` names any that does not). A rule says
which objects fill the route's parameters (citizen A's dossier received by agency X, A's draft, the
procedure) and, for each caller, the outcomes allowed for a GET and, for a route that writes, for a POST
by a caller who must be refused. Outcomes: a status code (``"200"``, ``"403"``, ``"404"``…), ``"login"``
(redirected to a sign-in page) or ``"redirect"`` (anywhere else). Several outcomes are separated by spaces.

The callers: ``anonymous``; ``citizen`` (A, the owner); ``other_citizen`` (B); ``official`` (of agency X);
``other_official`` (of another agency); ``administrator`` (system administrator); ``integrator`` (another
system's API key acting as X's official with ``dossiers:read`` and ``catalogue:read``). A 500 is never
allowed, and a 200 to anyone but A, X's officials, the administrator and the integrator must not show A's
dossier (its code, reference or A's identity number).
"""

from __future__ import annotations

from dataclasses import dataclass, field

CALLERS = ("anonymous", "citizen", "other_citizen", "official", "other_official", "administrator", "integrator")

Expect = dict[str, str]


def expect(default: str = "", **by_caller: str) -> Expect:
    """Outcomes per caller; ``default`` for callers not named."""
    unknown = set(by_caller) - set(CALLERS)
    assert not unknown, f"unknown callers {unknown}"  # a typo in the table
    return {caller: by_caller.get(caller, default) for caller in CALLERS}


@dataclass(frozen=True)
class Rule:
    glob: str  # fnmatch over the route pattern as written, e.g. "can-bo/ho-so/<str:code>/*"
    # public | citizen | citizen-owner | official | official-in-agency | administrator | integrator | monitoring
    kind: str
    get: Expect
    post: Expect | None = None  # for routes that write: the callers who must be refused (others skipped)
    objects: str = ""  # "dossier", "draft", "procedure", "feedback", "group", "document" or "document_out"
    objects: str = ""  # "dossier", "draft", "procedure", "feedback", "group" or "certified": whose values fill the path
    params: dict[str, str] = field(default_factory=dict)  # fixed values (an action name, a form number)
    post_body: str = ""  # a named complete JSON body (conftest's ``bodies``) instead of an empty form


# --- Expectations shared by families of routes ------------------------------------------------------------

PUBLIC = expect("200")
SIGNED_IN_CITIZEN_PAGE = expect("200", anonymous="login", integrator="login")
OWN_DOSSIER_PAGE = expect("404", anonymous="login", integrator="login", citizen="200")
OWN_DOSSIER_WRITE = expect("404", anonymous="login", integrator="login", citizen="")  # A is not refused
GET_NOT_ALLOWED = "405"
OWN_POST_ONLY = expect(GET_NOT_ALLOWED, anonymous="login", integrator="login")

BACKOFFICE_PAGE = expect(
    "200", anonymous="login", integrator="login", citizen="403", other_citizen="403", administrator="redirect"
)
BACKOFFICE_AGENCY_DOSSIER = {**BACKOFFICE_PAGE, "other_official": "404"}
BACKOFFICE_WRITE = expect(
    "", anonymous="login", integrator="login", citizen="403", other_citizen="403", other_official="404"
)

API_DOCUMENTS = expect("403", anonymous="401", integrator="401")
# Official documents: a one-stop officer (X's or another agency's) has no document role.
DOCUMENT_PAGE = {**BACKOFFICE_PAGE, "official": "403", "other_official": "403"}
DOCUMENT_WRITE = expect(
    "", anonymous="login", integrator="login", citizen="403", other_citizen="403", official="403", other_official="403"
)

API_SIGNED_IN = expect("200", anonymous="401")
# Citizens read their own dossiers through the API too; the integrator reads as X's official.
API_DOSSIER = expect("404", anonymous="401", citizen="200", official="200", administrator="200", integrator="200")
# A wrong role is refused before the body is read; the integrator's key has no dossiers:write scope.
API_DOSSIER_WRITE = expect("", anonymous="401", other_citizen="404", other_official="404", integrator="403")

# Anything but a 500 for the administrator: the point of these rows is that nobody else gets in.
ADMIN_SITE = expect("login", administrator="200 redirect 403 404 405")

RULES: list[Rule] = [
    # --- The admin site: administrators only -------------------------------------------------------------
    Rule("admin/login/", "public", expect("200", administrator="redirect")),
    Rule("admin/logout/", "public", expect("redirect", administrator="405")),
    Rule("admin/*", "administrator", ADMIN_SITE, post=expect("login", administrator="")),
    # --- API ------------------------------------------------------------------------------------------
    # Liveness and readiness of the process, for the supervisor and the load balancer: nothing private.
    Rule("healthz", "public", PUBLIC),
    Rule("readyz", "public", PUBLIC),
    # Metrics: only the monitoring system's bearer token (METRICS_TOKEN), never a signed-in user; off (404)
    # until a token is set, as here. With one set, a request without it gets 403 (test_metrics.py).
    Rule("metrics", "monitoring", expect("404")),
    Rule("api/v1/schema/", "public", PUBLIC),
    Rule("api/v1/docs/", "public", PUBLIC),
    # Feedback: categories, sending (anyone; another system needs reports:write) and public tracking by code +
    # phone; officials' items and actions (X's official coordinates); the figures for coordinators only.
    # Official documents: officials with a document role only (X's one-stop officer has none); no API key.
    Rule("api/v1/documents/incoming/", "official", API_DOCUMENTS),
    Rule("api/v1/documents/outgoing/", "official", API_DOCUMENTS),
    Rule("api/v1/documents/incoming/<int:pk>/", "official", API_DOCUMENTS, objects="document"),
    Rule("api/v1/documents/outgoing/<int:pk>/", "official", API_DOCUMENTS, objects="document_out"),
    Rule("api/v1/feedback/categories/", "public", PUBLIC),
    Rule("api/v1/feedback/", "public", expect(GET_NOT_ALLOWED, integrator="403"), post=expect("", integrator="403")),
    Rule("api/v1/feedback/items/", "official", expect("200", anonymous="401", integrator="403")),
    Rule(
        "api/v1/feedback/items/<str:code>/",
        "official-in-agency",
        expect("404", anonymous="401", official="200", administrator="200", integrator="403"),
        objects="feedback",
    ),
    Rule(
        "api/v1/feedback/items/<str:code>/actions/<str:action>/",
        "official-in-agency",
        expect(GET_NOT_ALLOWED, anonymous="401", integrator="403"),
        post=expect("", anonymous="401", citizen="404", other_citizen="404", other_official="404", integrator="403"),
        objects="feedback",
        params={"action": "reject"},
    ),
    Rule(
        "api/v1/feedback/figures/",
        "official",
        expect("403", anonymous="401", official="400", administrator="400"),  # no period given: refused
    ),
    Rule("api/v1/public/feedback/answers/", "public", PUBLIC),
    Rule("api/v1/public/feedback/<str:code>/", "public", expect("400"), objects="feedback"),  # code alone: refused
    Rule("api/v1/public/feedback/<str:code>/rating/", "public", expect(GET_NOT_ALLOWED), objects="feedback"),
    # Open311 GeoReport v2: public reads; posting needs an ``api_key`` in the form, which none of the callers sends.
    Rule("api/open311/v2/discovery.<slug:fmt>", "public", PUBLIC, params={"fmt": "json"}),
    Rule("api/open311/v2/services.<slug:fmt>", "public", PUBLIC, params={"fmt": "xml"}),
    Rule(
        "api/open311/v2/services/<slug:code>.<slug:fmt>",
        "public",
        expect("404"),
        params={"code": "khong-co", "fmt": "json"},
    ),
    Rule("api/open311/v2/requests.<slug:fmt>", "public", PUBLIC, post=expect("403"), params={"fmt": "json"}),
    Rule(
        "api/open311/v2/requests/<str:code>.<slug:fmt>",
        "public",
        expect("404"),
        params={"code": "PA-000000-AAAAAA", "fmt": "xml"},
    ),
    Rule("api/v1/calendar/*", "public", expect("400")),  # no query: the parameters are required
    Rule("api/v1/public/dossiers/<str:code>/", "public", expect("400"), objects="dossier"),  # code alone: refused
    Rule(
        "api/v1/procedures/",
        "public",
        PUBLIC,
        post=expect(
            "",
            anonymous="401",
            integrator="403",
            citizen="403",
            other_citizen="403",
            official="403",
            other_official="403",
        ),
    ),
    Rule("api/v1/procedures/<str:code>/", "public", PUBLIC, objects="procedure"),
    # Verification of signed PDFs: anyone; an unknown QR token finds nothing.
    Rule("api/v1/signatures/verify/", "public", expect(GET_NOT_ALLOWED), post=expect("400")),  # no file sent
    Rule("api/v1/signatures/documents/<str:token>/", "public", expect("404"), params={"token": "khong-co"}),
    Rule(
        "api/v1/procedures/<str:code>/*/",
        "official",
        expect(GET_NOT_ALLOWED),
        post=expect("403", anonymous="401", administrator=""),
        objects="procedure",
    ),
    Rule(
        "api/v1/dossiers/",
        "official",
        API_SIGNED_IN,
        post=expect("", anonymous="401", citizen="403", other_citizen="403", other_official="403", integrator="403"),
        post_body="intake",  # complete, so the role is what refuses it (an empty body is a 400 first)
    ),
    Rule(
        "api/v1/dossiers/register.<slug:fmt>",
        "official-in-agency",
        expect("400", anonymous="401"),
        params={"fmt": "pdf"},
    ),
    Rule("api/v1/dossiers/<str:code>/", "citizen-owner", API_DOSSIER, objects="dossier"),
    # The national portal's sync state: whoever may read the dossier (nothing personal in it).
    Rule("api/v1/dossiers/<str:code>/dvcqg/", "citizen-owner", API_DOSSIER, objects="dossier"),
    # Postal orders and their tracking: officials who may read the dossier (addresses and telephones); the
    # applicant (A) follows the tracking on the portal.
    Rule(
        "api/v1/dossiers/<str:code>/postal-orders/",
        "official-in-agency",
        {**API_DOSSIER, "citizen": "403"},
        objects="dossier",
    ),
    # Every action of a dossier, whether one route with the action as a parameter or one route per action.
    Rule(
        "api/v1/dossiers/<str:code>/actions/*",
        "official-in-agency",
        expect(GET_NOT_ALLOWED, anonymous="401"),
        post=API_DOSSIER_WRITE,
        objects="dossier",
        params={"action": "accept"},
    ),
    Rule(
        "api/v1/dossiers/<str:code>/fees/*",
        "official-in-agency",
        expect(GET_NOT_ALLOWED, anonymous="401"),
        post=API_DOSSIER_WRITE,
        objects="dossier",
    ),
    Rule(
        "api/v1/dossiers/<str:code>/forms/*",
        "official-in-agency",
        expect("404", anonymous="401"),  # form 01 is not issued for an online submission not yet received
        objects="dossier",
        params={"form_no": "01"},
    ),
    # Statistics: the province's aggregates for everyone; the rest to the roles with an operations scope
    # (X's one-stop officer sits in the service centre: the province; another agency's officer: none).
    Rule("api/v1/statistics/public/", "public", PUBLIC),
    Rule(
        "api/v1/statistics/*",
        "official",
        expect("403", anonymous="401", official="200", administrator="200", integrator="200"),
    ),
    # --- Language switch, sandbox payment gateway --------------------------------------------------------
    Rule("i18n/setlang/", "public", expect("redirect")),
    Rule("xac-thuc-van-ban/", "public", PUBLIC, post=expect("400")),  # an empty form: the file is missing
    Rule("xac-thuc-van-ban/<str:token>/", "public", expect("404"), params={"token": "khong-co"}),
    Rule("thanh-toan/thu-nghiem/", "public", expect("400")),  # no payment named: nothing to show
    # VNPAY calls these (the payer's browser, VNPAY's server): public, authenticated by their signature.
    # An unsigned IPN is answered 200 with RspCode 97, as VNPAY's protocol wants; a return without one is a 400.
    Rule("thanh-toan/vnpay/ipn/", "public", PUBLIC),
    Rule("thanh-toan/vnpay/tra-ve/", "public", expect("400")),
    # The VNPAY simulator (mounted in development, the demo and tests only) plays VNPAY's public side: its
    # payment page refuses an unsigned request, its API takes only POST, its statement is of a valid day.
    Rule("vnpay-gia-lap/paymentv2/vpcpay.html", "public", expect("400")),
    Rule("vnpay-gia-lap/merchant_webapi/api/transaction", "public", expect(GET_NOT_ALLOWED)),
    Rule("vnpay-gia-lap/doi-soat/<str:day>.csv", "public", expect("404"), params={"day": "khong-phai-ngay"}),
    # The postal operator's tracking callback: server to server, authenticated by its HMAC signature (an
    # unsigned post is refused whoever sends it); the local simulator of the operator (sandbox only) asks
    # for its token.
    Rule("buu-chinh/thong-bao/", "public", expect(GET_NOT_ALLOWED), post=expect("401")),
    Rule("buu-chinh/thu-nghiem/token/", "public", expect(GET_NOT_ALLOWED), post=expect("401")),
    Rule("buu-chinh/thu-nghiem/don-hang/", "public", expect(GET_NOT_ALLOWED), post=expect("401")),
    Rule("buu-chinh/thu-nghiem/hanh-trinh/", "public", expect("401")),
    # --- Back office ------------------------------------------------------------------------------------
    Rule(
        "can-bo/dang-nhap/",
        "public",
        expect("200", official="redirect", other_official="redirect", administrator="redirect"),
    ),
    Rule("can-bo/dang-xuat/", "public", expect(GET_NOT_ALLOWED)),
    # The second factor: set up and verified by the signed-in account itself; nobody else's state is shown.
    Rule(
        "can-bo/xac-thuc/ma-khoi-phuc/",
        "official",
        expect(GET_NOT_ALLOWED),
        # Without a session, the page sends the caller to the second-factor page, which sends them to sign in.
        post=expect("", anonymous="redirect login", integrator="redirect login"),
    ),
    Rule("can-bo/xac-thuc/*", "official", expect("200 redirect", anonymous="login", integrator="login")),
    Rule(
        "can-bo/vai-tro/", "official", expect(GET_NOT_ALLOWED), post=expect("", anonymous="login", integrator="login")
    ),
    Rule(
        "can-bo/vai-tro/quan-tri/",
        "administrator",
        expect("redirect", anonymous="login", integrator="login", administrator="200"),
    ),
    Rule("can-bo/", "official", BACKOFFICE_PAGE),
    Rule(
        "can-bo/tiep-nhan/",
        "official",
        BACKOFFICE_PAGE,
        post=expect("", anonymous="login", integrator="login", citizen="403", other_citizen="403"),
    ),
    Rule("can-bo/tiep-nhan/hen-tra/", "official", {**BACKOFFICE_PAGE, "official": "404", "other_official": "404"}),
    # Any one-stop officer receives a procedure group for their own unit.
    Rule(
        "can-bo/tiep-nhan/lien-thong/<str:code>/",
        "official",
        BACKOFFICE_PAGE,
        post=expect("", anonymous="login", integrator="login", citizen="403", other_citizen="403"),
        objects="group",
    ),
    Rule("can-bo/tiep-nhan/*", "official", BACKOFFICE_PAGE),
    Rule("can-bo/ho-so/<str:code>/", "official-in-agency", BACKOFFICE_AGENCY_DOSSIER, objects="dossier"),
    Rule(
        "can-bo/ho-so/<str:code>/thao-tac/*",
        "official-in-agency",
        expect(GET_NOT_ALLOWED),
        post=BACKOFFICE_WRITE,
        objects="dossier",
        params={"action": "accept"},
    ),
    Rule(
        "can-bo/ho-so/<str:code>/phi-le-phi/*",
        "official-in-agency",
        expect(GET_NOT_ALLOWED),
        post=BACKOFFICE_WRITE,
        objects="dossier",
        params={"action": "adjust"},
    ),
    Rule(
        "can-bo/ho-so/<str:code>/tep/<int:file_id>/", "official-in-agency", BACKOFFICE_AGENCY_DOSSIER, objects="dossier"
    ),
    # Ordering from the post office: X's one-stop officer (the receiving unit) only.
    Rule(
        "can-bo/ho-so/<str:code>/buu-chinh/<str:kind>/",
        "official-in-agency",
        expect(GET_NOT_ALLOWED),
        post=BACKOFFICE_WRITE,
        objects="dossier",
        params={"kind": "collect"},
    ),
    # The national portal's sync per procedure: the system's administrators (counts and dossier codes).
    Rule(
        "can-bo/dong-bo-dvcqg/",
        "administrator",
        expect("403", anonymous="login", integrator="login", administrator="200"),
    ),
    Rule(
        "can-bo/ho-so/<str:code>/mau-*",
        "official-in-agency",
        {**BACKOFFICE_AGENCY_DOSSIER, "official": "404"},  # form 01 is not issued before the dossier is received
        objects="dossier",
        params={"form_no": "01"},
    ),
    Rule("can-bo/so-theo-doi/", "official-in-agency", BACKOFFICE_PAGE),
    # Feedback: X is the coordinating unit, so its official reads and acts on every item; others get a 404.
    # The certification counter: officials of a commune or notary-type unit only. X (the provincial centre)
    # does not certify, so its official gets the 403 page that says so; a copy is found only by its own unit.
    Rule(
        "can-bo/chung-thuc/",
        "official-in-agency",
        {**BACKOFFICE_PAGE, "official": "403", "other_official": "403"},
        post=expect(
            "",
            anonymous="login",
            integrator="login",
            citizen="403",
            other_citizen="403",
            official="403",
            other_official="403",
        ),
    ),
    Rule(
        "can-bo/chung-thuc/so/", "official-in-agency", {**BACKOFFICE_PAGE, "official": "403", "other_official": "403"}
    ),
    Rule(
        "can-bo/chung-thuc/<int:copy_id>/ban-sao.pdf",
        "official-in-agency",
        {**BACKOFFICE_PAGE, "official": "404", "other_official": "404"},
        objects="certified",
    ),
    Rule("can-bo/phan-anh/", "official", BACKOFFICE_PAGE),
    Rule(
        "can-bo/phan-anh/ghi-nhan/",
        "official",
        BACKOFFICE_PAGE,
        post=expect("", anonymous="login", integrator="login", citizen="403", other_citizen="403"),
    ),
    Rule("can-bo/phan-anh/<str:code>/", "official-in-agency", BACKOFFICE_AGENCY_DOSSIER, objects="feedback"),
    Rule(
        "can-bo/phan-anh/<str:code>/thao-tac/*",
        "official-in-agency",
        expect(GET_NOT_ALLOWED),
        post=BACKOFFICE_WRITE,
        objects="feedback",
        params={"action": "reject"},
    ),
    Rule(
        "can-bo/phan-anh/<str:code>/tep/<int:file_id>/",
        "official-in-agency",
        BACKOFFICE_AGENCY_DOSSIER,
        objects="feedback",
    ),
    Rule("can-bo/don-vi/", "official-in-agency", {**BACKOFFICE_PAGE, "official": "403", "other_official": "403"}),
    Rule(
        "can-bo/don-vi/phan-cong/",
        "official-in-agency",
        expect(GET_NOT_ALLOWED),
        post={**BACKOFFICE_WRITE, "other_official": "403"},
    ),
    # Official documents: clerks, leaders, heads and specialists only; X's and the other agency's one-stop
    # officers are refused by role (the clerk's, leader's and division's scopes: backoffice/tests/test_documents.py).
    Rule("can-bo/van-ban/den/", "official-in-agency", DOCUMENT_PAGE),
    Rule("can-bo/van-ban/di/", "official-in-agency", DOCUMENT_PAGE),
    Rule("can-bo/van-ban/han-xu-ly/", "official-in-agency", DOCUMENT_PAGE),
    Rule("can-bo/van-ban/den/tiep-nhan/", "official-in-agency", DOCUMENT_PAGE, post=DOCUMENT_WRITE),
    Rule("can-bo/van-ban/den/goi-tin/", "official-in-agency", DOCUMENT_PAGE, post=DOCUMENT_WRITE),
    Rule("can-bo/van-ban/di/soan-thao/", "official-in-agency", DOCUMENT_PAGE, post=DOCUMENT_WRITE),
    Rule("can-bo/van-ban/den/<int:pk>/", "official-in-agency", DOCUMENT_PAGE, objects="document"),
    Rule("can-bo/van-ban/di/<int:pk>/", "official-in-agency", DOCUMENT_PAGE, objects="document"),
    Rule("can-bo/van-ban/di/<int:pk>/edxml.xml", "official-in-agency", DOCUMENT_PAGE, objects="document"),
    Rule("can-bo/van-ban/den/<int:pk>/tep/<int:file_id>/", "official-in-agency", DOCUMENT_PAGE, objects="document"),
    Rule("can-bo/van-ban/di/<int:pk>/tep/<int:file_id>/", "official-in-agency", DOCUMENT_PAGE, objects="document_out"),
    Rule(
        "can-bo/van-ban/den/<int:pk>/thao-tac/*",
        "official-in-agency",
        expect(GET_NOT_ALLOWED),
        post=DOCUMENT_WRITE,
        objects="document",
        params={"action": "direct"},
    ),
    Rule(
        "can-bo/van-ban/di/<int:pk>/thao-tac/*",
        "official-in-agency",
        expect(GET_NOT_ALLOWED),
        post=DOCUMENT_WRITE,
        objects="document",
        params={"action": "submit"},
    ),
    Rule(
        "can-bo/van-ban/so/<str:direction>/<int:year>.xlsx",
        "official-in-agency",
        DOCUMENT_PAGE,
        params={"direction": "den", "year": "2026"},
    ),
    # The operations centre: the service centre (X) sees the province; a one-stop officer elsewhere sees nothing.
    Rule("can-bo/dieu-hanh/", "official", {**BACKOFFICE_PAGE, "other_official": "403"}),
    Rule("can-bo/dieu-hanh/chi-so-766/", "official", {**BACKOFFICE_PAGE, "other_official": "403"}),
    Rule("can-bo/dieu-hanh/danh-gia/", "official", {**BACKOFFICE_PAGE, "other_official": "403"}),
    Rule("can-bo/dieu-hanh/xuat.xlsx", "official", {**BACKOFFICE_PAGE, "other_official": "403"}),
    Rule("can-bo/dieu-hanh/bao-cao.xlsx", "official", {**BACKOFFICE_PAGE, "other_official": "403"}),
    Rule("can-bo/dieu-hanh/bao-cao.pdf", "official", {**BACKOFFICE_PAGE, "other_official": "403"}),
    # No figure named: a 400 for those who may look, the refusal for the others.
    Rule("can-bo/dieu-hanh/ho-so/", "official", {**BACKOFFICE_PAGE, "official": "400", "other_official": "403"}),
    # Reconciliation of online payments: the provincial service centre (X) only; other agencies are refused.
    Rule("can-bo/doi-soat-thanh-toan/", "official", {**BACKOFFICE_PAGE, "other_official": "403"}),
    Rule(
        "can-bo/doi-soat-thanh-toan/<int:pk>/xu-ly/",
        "official",
        expect(GET_NOT_ALLOWED),
        post={**BACKOFFICE_WRITE, "other_official": "403"},
        params={"pk": "999999"},
    ),
    # --- Portal: public pages ---------------------------------------------------------------------------
    Rule("", "public", PUBLIC),
    Rule("thu-tuc/", "public", PUBLIC),
    Rule("thu-tuc/<str:code>/", "public", PUBLIC, objects="procedure"),
    Rule("thu-tuc/<str:code>/mau/<int:component_id>/", "public", expect("404"), objects="procedure"),  # no blank form
    Rule("nhom-thu-tuc/<str:code>/", "public", PUBLIC, objects="group"),
    Rule("tra-cuu-ho-so/", "public", PUBLIC),
    Rule("tra-cuu/", "public", PUBLIC),
    Rule("thong-ke/", "public", PUBLIC),  # the province's aggregates: no dossier, no person
    # Citizen feedback: public pages; an item is followed only after its code and phone matched in this session.
    Rule("phan-anh/", "public", PUBLIC),
    Rule("phan-anh/gui/", "public", PUBLIC),
    Rule("phan-anh/da-gui/", "public", expect("redirect")),  # nothing sent from this browser
    Rule("phan-anh/tra-cuu/", "public", PUBLIC),
    Rule("phan-anh/theo-doi/<str:code>/", "public", expect("redirect"), params={"code": "PA-000000-AAAAAA"}),
    Rule("phan-anh/cong-khai/<str:code>/", "public", expect("404"), params={"code": "PA-000000-AAAAAA"}),
    Rule("thanh-toan/ket-qua/<slug:gateway>/", "public", expect("400"), params={"gateway": "sandbox"}),
    # --- Portal: signing in and out, accounts -----------------------------------------------------------
    Rule("dang-ky/", "public", expect("redirect", anonymous="200", integrator="200")),
    Rule("dang-nhap/", "public", expect("redirect", anonymous="200", integrator="200")),
    Rule("dang-xuat/", "public", expect(GET_NOT_ALLOWED)),
    Rule("dang-nhap/dinh-danh/*", "public", expect("404")),  # no identity provider configured in tests
    Rule("quen-mat-khau/so-dien-thoai/nhap-ma/", "public", expect("redirect")),  # no code asked for yet
    Rule("quen-mat-khau/*", "public", PUBLIC),
    Rule("dat-lai-mat-khau/*", "public", PUBLIC, params={"uidb64": "MQ", "token": "sai-ma"}),
    # A's electronic certified copy: A alone downloads it (the list, under tai-khoan/*, shows each their own).
    Rule("tai-khoan/ban-sao-chung-thuc/<int:copy_id>/tai-ve/", "citizen-owner", OWN_DOSSIER_PAGE, objects="certified"),
    Rule("tai-khoan/*", "citizen", SIGNED_IN_CITIZEN_PAGE),
    # --- Portal: the citizen's dossiers and drafts ------------------------------------------------------
    Rule("ho-so-cua-toi/", "citizen", SIGNED_IN_CITIZEN_PAGE),
    Rule("ho-so-cua-toi/<uuid:reference>/", "citizen-owner", OWN_DOSSIER_PAGE, objects="dossier"),
    Rule("ho-so-cua-toi/<uuid:reference>/tep/<int:file_id>/", "citizen-owner", OWN_DOSSIER_PAGE, objects="dossier"),
    # No receipt (nothing paid) and form 01 not yet issued: A gets 404 as well.
    Rule(
        "ho-so-cua-toi/<uuid:reference>/bien-lai/",
        "citizen-owner",
        {**OWN_DOSSIER_PAGE, "citizen": "404"},
        objects="dossier",
    ),
    Rule(
        "ho-so-cua-toi/<uuid:reference>/mau/*",
        "citizen-owner",
        {**OWN_DOSSIER_PAGE, "citizen": "404"},
        objects="dossier",
        params={"form_no": "01"},
    ),
    Rule(
        "ho-so-cua-toi/<uuid:reference>/*/", "citizen-owner", OWN_POST_ONLY, post=OWN_DOSSIER_WRITE, objects="dossier"
    ),
    Rule("nop-ho-so/<str:code>/", "citizen", SIGNED_IN_CITIZEN_PAGE, objects="procedure"),
    Rule("nop-lien-thong/<str:code>/", "citizen", SIGNED_IN_CITIZEN_PAGE, objects="group"),
    Rule(
        "ho-so-lien-thong/<uuid:reference>/", "citizen-owner", OWN_DOSSIER_PAGE, post=OWN_DOSSIER_WRITE, objects="group"
    ),
    Rule("ho-so-nhap/<uuid:reference>/", "citizen-owner", OWN_DOSSIER_PAGE, post=OWN_DOSSIER_WRITE, objects="draft"),
    Rule(
        "ho-so-nhap/<uuid:reference>/nguoi-nop/",
        "citizen-owner",
        OWN_DOSSIER_PAGE,
        post=OWN_DOSSIER_WRITE,
        objects="draft",
    ),
    Rule("ho-so-nhap/<uuid:reference>/kiem-tra/", "citizen-owner", OWN_DOSSIER_PAGE, objects="draft"),
    Rule("ho-so-nhap/<uuid:reference>/*", "citizen-owner", OWN_POST_ONLY, post=OWN_DOSSIER_WRITE, objects="draft"),
]
