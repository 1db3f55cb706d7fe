"""Activities: sports camps, holiday playgrounds and lessons with periods, places, prices,
registrations and a waiting list.
"""
