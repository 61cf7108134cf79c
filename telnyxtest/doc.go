// Package telnyxtest provides an in-memory fake of the Telnyx SIP-integrations
// REST API for use in tests.
//
// The fake speaks plain HTTP and JSON, keeps all state in memory and covers
// every operation of the API: external connections (with their civic
// addresses, locations, phone numbers, releases, uploads and log messages),
// media storage, custom storage credentials, Dialogflow connections, SIPREC
// connectors, call recordings and recording transcriptions. Responses use the
// API's envelopes and Telnyx error bodies; requests are authenticated with a
// Bearer key and validated (missing required fields, closed enums, page
// sizes, path values in the declared format). Invalid input gets the status
// the operation's spec declares for it: 422, or 400 where the spec declares
// no 422. Unknown paths answer 404, known paths with another method 405 with
// an Allow header, both after the key is checked.
//
// A typical test starts a server, talks to it and inspects what was sent:
//
//	srv := telnyxtest.NewServer()
//	defer srv.Close()
//	connectors := siprec.New(srv.Client()) // retries back off in milliseconds
//	srv.FailNext(1, http.StatusServiceUnavailable, telnyxtest.OnOperation(telnyxtest.OpGetSiprecConnector))
//	// ... exercise the code under test ...
//	last, _ := srv.LastRequest()
//
// Every response carries a fresh X-Request-Id header, which the SDK reports
// as telnyx.Error.RequestID; RecordedRequest.RequestID holds the same id.
//
// # Refusals
//
// The fake refuses what the spec documents the API refusing, so that a test
// passing against it does not fail in production:
//
//   - deleting an external connection that is active, that phone numbers
//     use, or that is an Operator Connect one: 422;
//   - creating an external connection other than a Zoom one: 422;
//   - updating a location that already has an accepted emergency address
//     (a successful update accepts one; WithEmergencyAddress seeds one): 422;
//   - refreshing a connection's uploads again within a minute, by the
//     server's clock (WithClock), of the last refresh: 409;
//   - retrying an upload still in progress: 409; one that succeeded: 422;
//   - more than 1000 number_ids in an upload: 413;
//   - filter[connection_name][contains] under three characters,
//     filter[created_at] not a YYYY-MM-DD date: 400; a log message
//     filter[telephone_number][contains] not 3 to 15 digits: 422;
//     filter[phone_number][contains] of external connections matches whole
//     E.164 numbers only, as the API does;
//   - Dialogflow CX settings without conversation_profile_id or location: 422;
//   - media over 20 MB or with a ttl_secs out of bounds: 422.
//
// # Seeding
//
// Data the API cannot create (recordings, transcriptions, civic addresses,
// phone numbers, releases, uploads, log messages, Operator Connect
// connections) is added with the Seed methods, which take the SDK's own
// types, or with SeedJSON. Lists keep insertion order.
//
// Media given by media_url is fetched when the URL points at a loopback
// host, such as an httptest.Server of the test; other URLs store a
// placeholder, so the fake never reaches the network. WithMediaFetcher
// replaces this.
//
// # Control over HTTP
//
// The same fake runs as a standalone process with cmd/telnyx-fake, for
// tests in any language. A server built with WithControl (the command's
// default) also answers these endpoints under ControlPrefix, outside the
// API's base path "/v2"; they take no API key, are not recorded, and
// answer errors as Telnyx error documents:
//
//	GET    /_fake            the list of control endpoints
//	GET    /_fake/requests   recorded API requests, oldest first (?operation=GetRecordings keeps one operation)
//	DELETE /_fake/requests   forget the recorded requests
//	GET    /_fake/faults     pending faults and the latency
//	POST   /_fake/faults     inject a fault, like FailNext or ResetNext
//	DELETE /_fake/faults     drop all faults and the latency, like ClearFaults
//	PUT    /_fake/latency    {"latency_ms": 250} delays every API answer, like SetLatency
//	POST   /_fake/seed       store a seed document, like SeedJSON; answers what it stored
//	POST   /_fake/reset      drop all data, requests, faults and latency, like ResetAll
//
// A fault is {"status": 503, "count": 2, "retry_after_secs": 1} for error
// answers or {"reset": true} for connections closed without one; "count"
// defaults to 1, and "operation" (an operationId such as "GetRecordings"),
// "method" and "path" (a prefix such as "/v2/recordings") narrow the
// requests it hits.
//
// A seed document is a JSON object with any of these arrays, each item in
// the API's JSON form with RFC 3339 timestamps; missing fields get the
// defaults the Seed methods give:
//
//	external_connections        connections, for example Operator Connect ones
//	civic_addresses             + "external_connection_id"; a location may carry "static_emergency_address_id"
//	phone_numbers               + "external_connection_id"
//	releases                    + "external_connection_id", "civic_address_id", "location_id"
//	uploads                     + "external_connection_id", "civic_address_id"
//	log_messages                + "id", the id of their paths
//	recordings                  + "conference_region", "sip_call_id", for the filters
//	recording_transcriptions    transcriptions, listed in the order given
//	media                       + "content" (text) or "content_base64"
//	siprec_connectors           the bodies createSiprecConnector takes
//	dialogflow_connections      + "connection_id", with the body CreateDialogflowConnection takes
//	custom_storage_credentials  + "connection_id", with the body CreateCustomStorageCredentials takes
//
// and "demo": true loads the SeedDemo data set first. Unknown keys and
// fields are refused, so a typo does not go unnoticed.
package telnyxtest
