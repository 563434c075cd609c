"""An SMTP server for the tests, answering each recipient as its address asks:
`refuse...@` gets 550, `later...@` gets 451 the first time it is tried (then 250), anyone
else 250 with a queue id. Prints one line per answer, with the envelope's sender."""

import sys
import time
import uuid

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self):
        self.deferred = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        if local.startswith("refuse"):
            print(f"REFUSED {address} FROM {envelope.mail_from}", flush=True)
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        if local.startswith("later") and address not in self.deferred:
            self.deferred.add(address)
            print(f"DEFERRED {address} FROM {envelope.mail_from}", flush=True)
            return f"451 4.7.1 <{address}>: Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        queue_id = uuid.uuid4().hex[:10].upper()
        recipients = ",".join(envelope.rcpt_tos)
        print(f"ACCEPTED {recipients} FROM {envelope.mail_from} AS {queue_id}", flush=True)
        return f"250 2.0.0 Ok: queued as {queue_id}"


controller = Controller(Handler(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
while True:
    time.sleep(3600)
