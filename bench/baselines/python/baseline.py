"""The hand-written baseline of the Python stack: the same framework and driver as the generated server (FastAPI,
SQLAlchemy 2 on psycopg 3, sync handlers; run from the generated project's virtualenv so the versions are the
same) serving the same two endpoints with the same SQL and the same JSON, and nothing else: no middleware, no
logging. Run: uvicorn baseline:app --app-dir bench/baselines/python. Env: DATABASE_URL (postgres://...)."""

import datetime as dt
import os
import uuid
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query
from pydantic import BaseModel
from sqlalchemy import Date, DateTime, String, create_engine, func, select
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

engine = create_engine(os.environ["DATABASE_URL"].replace("postgres://", "postgresql+psycopg://", 1))
Sessions = sessionmaker(engine, expire_on_commit=False)


class Base(DeclarativeBase):
    pass


class Book(Base):
    __tablename__ = "books"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    title: Mapped[str] = mapped_column(String(255))
    isbn: Mapped[str | None] = mapped_column(String(255))
    published_at: Mapped[dt.date | None] = mapped_column(Date)
    author_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class BookOut(BaseModel):
    id: uuid.UUID
    title: str
    isbn: str | None
    publishedAt: dt.date | None
    authorId: uuid.UUID | None
    createdAt: dt.datetime
    updatedAt: dt.datetime


class BookPage(BaseModel):
    items: list[BookOut]
    total: int
    limit: int
    offset: int


def out(r: Book) -> BookOut:
    return BookOut(id=r.id, title=r.title, isbn=r.isbn, publishedAt=r.published_at, authorId=r.author_id,
                   createdAt=r.created_at, updatedAt=r.updated_at)


def session():
    with Sessions() as s:
        yield s


SessionDep = Annotated[Session, Depends(session)]
app = FastAPI()


@app.get("/api/books/{item_id}", response_model=BookOut)
def get_book(item_id: uuid.UUID, s: SessionDep) -> BookOut:
    row = s.get(Book, item_id)
    if row is None:
        raise HTTPException(404)
    return out(row)


@app.get("/api/books", response_model=BookPage)
def list_books(s: SessionDep, authorId: uuid.UUID | None = None,
               limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: Annotated[int, Query(ge=0)] = 0) -> BookPage:
    where = [Book.author_id == authorId] if authorId is not None else []
    total = s.scalar(select(func.count()).select_from(Book).where(*where)) or 0
    rows = s.scalars(select(Book).where(*where).order_by(Book.created_at, Book.id).limit(limit).offset(offset))
    return BookPage(items=[out(r) for r in rows], total=total, limit=limit, offset=offset)


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
