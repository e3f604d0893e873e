"""Staff accounts in one call, and the real login form filled in as a person would (the
`sign_in` fixture is built on these; tests of the form itself call them directly)."""

from sqlalchemy import select

from portal.extensions import db
from portal.models import Department, StaffRole
from portal.services.accounts import users as accounts
from portal.services.common.audit import Actor
from tests.support.pages import parse

PASSWORD = "correct horse battery staple"
SETUP = Actor(user_id=None, name="测试")


def create_staff(
    username: str = "moderator1", *roles: str, password: str = PASSWORD, department: str = ""
):
    """A handler account needs its department: `department=` names it by code; left out, a
    test department (created when missing) is used."""
    roles = roles or ("moderator",)
    if "handler" in roles and not department:
        department = ensure_department("test-dept", "测试局").code
    return accounts.create_user(
        username, password, [StaffRole(r) for r in roles], SETUP, department_code=department
    )


def ensure_department(code: str, name: str) -> Department:
    department = db.session.scalar(select(Department).where(Department.code == code))
    if department is None:
        department = Department(code=code, name=name, level="县级")
        db.session.add(department)
        db.session.commit()
    return department


def csrf_from(response) -> str:
    return parse(response).find("input", attrs={"name": "csrf_token"})["value"]


def log_in(client, username: str, password: str = PASSWORD):
    page = client.get("/admin/login")
    return client.post(
        "/admin/login",
        data={"csrf_token": csrf_from(page), "username": username, "password": password},
    )


def post_form(client, url: str, data: dict | None = None, page_url: str = "/admin/account"):
    """POST with a valid CSRF token taken from a staff page, as a browser would."""
    token = csrf_from(client.get(page_url))
    return client.post(url, data={"csrf_token": token} | (data or {}))
