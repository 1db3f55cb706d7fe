"""Pages of contact moments: the quick-capture form and a contact moment's page
(views/backoffice.py), and the pages of inbound e-mail: unmatched mails, linking one to a
resident, answering one (views/mail.py). All in the back office."""
