"""The site LAN link: master service and terminal client (issue 5).

  app/core/records.py      one record format: header + AES-GCM payload + Ed25519 signature
  app/core/enrollment.py   the enrollment code a terminal shows; the confirmation code
  app/core/authcodes.py    offline authorisation codes (challenge -> 8 digits, single use, expiring)
  app/net/tls.py           the master's self-signed certificate; pinned client connections
  app/net/protocol.py      signed requests (machine, time, nonce, body hash) and the replay guard
  app/net/ingest.py        the master's merged truth: records applied once, gaps, command records
  app/net/master.py        MasterLink: checks requests, group commit, live board
  app/net/lan_http.py      the link's HTTPS server: every connection in one asyncio loop
  app/net/terminal.py      TerminalNode: terminal store, outbox, sender thread, enrollment (enroll_and_wait)
  app/net/packs.py         PackRoad (mixed into TerminalNode): own records -> answer pack; master's commands <- pack
  app/net/simulate.py      simulated candidates (end-to-end test, bench/room.py, drills)
  app/formats/answer_pack.py   records in one file for removable media
  app/services/net.py      NetService (enroll, packs) and ProctorService (console, actions, codes)
  app/store/net_tables.py  machine, enrollment_request, received_record, outbox_record, incident

Wiring a record kind in (e.g. the theory exam's answers): the terminal calls
``node.record("answer", payload)`` (or ``record_in(uow, ...)``) after saving; on the master
the feature adds ``{"answer": fn(uow, record)}`` to ``app.services.appliers`` -- the one
composition root -- and the link calls it with the ingest transaction's unit of work, once
per new record.  net imports no service (the "layers of app" import contract).
"""
