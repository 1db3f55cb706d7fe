"""The regional contact centre: questions and callback requests of residents (handed over by
the assistant, or taken on the phone, at the counter, by e-mail), worked in one queue by the
municipalities' staff and the region's contact-centre agents, and the knowledge articles
staff answer them with. See docs/crm.md, "Contact centre"."""
