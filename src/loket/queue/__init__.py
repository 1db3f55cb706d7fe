"""The walk-in queue: tickets from the kiosk, the door's QR code or a clerk, desks calling next,
the hall display and the waiting-time estimate.
"""
