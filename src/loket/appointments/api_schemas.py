"""The shapes of the appointments API (what goes in and out of /api/v1)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from loket.appointments.models import Appointment, Office, OfficeProduct
from loket.appointments.workflow import AppointmentChannel, AppointmentStatus


class OfficeProductOut(Schema):
    product_code: str
    product_name: str
    duration_minutes: int
    bring: str = Field(description="What to bring, in the request language.")
    max_open_per_person: int

    @staticmethod
    def resolve_product_code(row: OfficeProduct) -> str:
        return row.product.code

    @staticmethod
    def resolve_product_name(row: OfficeProduct) -> str:
        return row.product.name

    @staticmethod
    def resolve_bring(row: OfficeProduct) -> str:
        return row.bring_in()


class OpeningHoursOut(Schema):
    weekday: int = Field(description="0 is Monday.")
    opens_at: dt.time
    closes_at: dt.time


class OfficeOut(Schema):
    id: int
    municipality_nis_code: str
    name: str
    address: str
    latitude: float | None
    longitude: float | None
    accessibility: str
    closed_on_public_holidays: bool
    opening_hours: list[OpeningHoursOut]
    products: list[OfficeProductOut]

    @staticmethod
    def resolve_municipality_nis_code(office: Office) -> str:
        return office.municipality.nis_code

    @staticmethod
    def resolve_accessibility(office: Office) -> str:
        return office.accessibility_in()

    @staticmethod
    def resolve_opening_hours(office: Office) -> list[OpeningHoursOut]:
        return [
            OpeningHoursOut(weekday=h.weekday, opens_at=h.opens_at, closes_at=h.closes_at)
            for h in office.opening_hours.all()
        ]

    @staticmethod
    def resolve_products(office: Office) -> list[OfficeProduct]:
        return [row for row in office.products.all() if row.is_active]


class SlotOut(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int = Field(description="Desks on duty that handle the product.")
    free: int = Field(description="Of those, how many are still free.")


class AppointmentOut(Schema):
    id: int
    reference: str = Field(examples=["K7M2QX9P"])
    municipality_nis_code: str
    office_id: int
    product_code: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: AppointmentStatus
    channel: AppointmentChannel

    @staticmethod
    def resolve_municipality_nis_code(appointment: Appointment) -> str:
        return appointment.municipality.nis_code

    @staticmethod
    def resolve_product_code(appointment: Appointment) -> str:
        return appointment.product.code


class StaffAppointmentOut(AppointmentOut):
    desk_id: int
    person_id: int | None
    name: str
    email: str
    phone: str
    language: str


class BookedOut(Schema):
    appointment: AppointmentOut
    manage_token: str = Field(
        description="Secret for the manage endpoints (also sent in the confirmation link); "
        "shown only once."
    )


class GuestIn(Schema):
    office_id: int
    product_code: str = Field(max_length=60)
    starts_at: dt.datetime = Field(description="The start of a free slot (GET …/slots).")
    name: str = Field(max_length=200)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=20)
    language: str = Field("nl", pattern="^(nl|fr|en)$")


class StaffBookingIn(Schema):
    product_code: str = Field(max_length=60)
    starts_at: dt.datetime
    channel: AppointmentChannel = AppointmentChannel.COUNTER
    person_id: int | None = Field(
        None, description="A resident of the register (their contact details are used)."
    )
    name: str = Field("", max_length=200)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=20)
    language: str = Field("nl", pattern="^(nl|fr|en)$")


class RescheduleIn(Schema):
    starts_at: dt.datetime


class StatusIn(Schema):
    to_status: AppointmentStatus
    reason: str = Field("", max_length=500)
