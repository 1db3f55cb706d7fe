"""Appointments: offices, desks, opening hours, the products each office handles, bookable slots
and appointments.
"""
