"""The demo's people before any customer: collectors, the manager, sellers and tags."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert
from sqlalchemy.orm import Session

from data_access.demo import names
from data_access.demo.common import Ids, Row, World
from data_access.models import Base
from data_access.users import add_user, generate_password


def create_staff(
    session: Session,
    seed: int,
    customers: int,
    years: int,
    today: dt.date | None,
    ids: Ids,
) -> tuple[World, tuple[tuple[str, str], ...]]:
    """Users, sellers (with a contact each) and tags; returns the world they make."""
    rng = random.Random(f"{seed}:staff")
    last_day = today or dt.date.today()
    start = last_day - dt.timedelta(days=365 * years)
    collectors = min(len(names.COLLECTORS), max(4, round(customers / 50)))
    collector_ids, logins = _create_users(session, collectors, start)
    sellers = _create_sellers(session, rng, customers, ids)
    tag_ids = _create_tags(session, ids)
    world = World(
        seed=seed,
        today=last_day,
        start=start,
        collectors=tuple(collector_ids[:-1]),
        manager_id=collector_ids[-1],
        sellers=tuple(sellers),
        seller_weights=tuple(rng.lognormvariate(0, 0.5) for _ in sellers),
        tag_ids=tag_ids,
    )
    return world, tuple(logins)


def _create_users(
    session: Session, collectors: int, start: dt.date
) -> tuple[list[int], tuple[tuple[str, str], ...]]:
    """Collectors then the manager, with generated passwords; the manager's id is last."""
    staff = [(f"{first}.collector", name, "collector") for first, name in names.COLLECTORS]
    staff = staff[:collectors] + [(*names.MANAGER, "manager")]
    user_ids: list[int] = []
    logins: list[tuple[str, str]] = []
    for username, full_name, role in staff:
        password = generate_password()
        user = add_user(
            session,
            username,
            role=role,
            password=password,
            full_name=full_name,
            email=f"{username}@cartera.example",
        )
        user.locale = "es"
        user.created_at = dt.datetime.combine(start, dt.time(8))
        user_ids.append(user.id)
        logins.append((username, password))
    session.flush()
    return user_ids, tuple(logins)


def _create_sellers(session: Session, rng: random.Random, customers: int, ids: Ids) -> list[int]:
    sellers: list[Row] = []
    contacts: list[Row] = []
    for _ in range(min(60, max(3, round(customers / 20)))):
        seller_id = ids.next("sellers")
        lang = "es" if rng.random() < 0.8 else "en"
        name = names.person_name(rng, lang)
        mail = names.email(name, "ventas.cartera.example")
        tel = names.phone(rng, rng.choice(names.CITIES)[2])
        sellers.append(
            {
                "id": seller_id,
                "code": f"S{seller_id:03d}",
                "name": name,
                "email": mail,
                "phone": tel,
            }
        )
        contacts.append(
            {
                "id": ids.next("contacts"),
                "customer_id": None,
                "seller_id": seller_id,
                "name": name,
                "role": "Vendedor" if lang == "es" else "Sales rep",
                "phone": tel,
                "email": mail,
                "is_primary": True,
            }
        )
    session.execute(insert(Base.metadata.tables["sellers"]), sellers)
    session.execute(insert(Base.metadata.tables["contacts"]), contacts)
    return [row["id"] for row in sellers]


def _create_tags(session: Session, ids: Ids) -> dict[str, int]:
    tag_ids = {name: ids.next("tags") for name in (*names.SEGMENTS, *names.INDUSTRIES)}
    rows = [{"id": tag_id, "name": name} for name, tag_id in tag_ids.items()]
    session.execute(insert(Base.metadata.tables["tags"]), rows)
    return tag_ids
