"""School-year calendars and the deliveries with their prerequisite deadlines."""
