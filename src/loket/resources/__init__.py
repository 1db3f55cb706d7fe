"""Resources: halls, rooms, lanes and lendable equipment, booked by period without ever
overlapping.
"""
