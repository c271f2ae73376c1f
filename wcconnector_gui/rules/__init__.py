"""Field-translation rules between a back-office customer and a store customer.

Names, company and county per the source settings, phones in E.164, the push
payload, validation before a push, matching a store customer to a back-office
one, and the fields of a customer imported from the store. Pure functions of
their inputs: no database, no network (the sync engine in ``sync/`` calls them).
"""
