"""The household's programme as the worker reads it: strengths, rituals, carers, visits, reviews.

``family`` holds the strengths and proud moments, the rituals and the carers' own check-ins;
``visits`` the worker's home visits; ``reviews`` the monthly reviews with their month-on-month
chart; ``printing`` the case summary and review reports a worker prints from the hub.
"""
