package telnyxtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// SeedJSON adds the data of a seed document: a JSON object with an array
// per resource, each item in the API's JSON form (timestamps in RFC 3339)
// plus the fields only the fake keeps. It is the body POST /_fake/seed
// takes and the file telnyx-fake -seed-file loads; the package
// documentation lists its keys. Nothing is stored unless the whole
// document is valid; an error names the offending item by JSON pointer.
func (s *Server) SeedJSON(doc []byte) error {
	_, err := s.seedDocument(doc)
	return err
}

// seedError is an invalid item of a seed document.
type seedError struct {
	pointer string
	reason  string
}

func (e *seedError) Error() string { return "seed document: " + e.pointer + ": " + e.reason }

// seedDoc is a seed document; every array holds raw items decoded by kind.
type seedDoc struct {
	Demo                     bool              `json:"demo"`
	ExternalConnections      []json.RawMessage `json:"external_connections"`
	CivicAddresses           []json.RawMessage `json:"civic_addresses"`
	PhoneNumbers             []json.RawMessage `json:"phone_numbers"`
	Releases                 []json.RawMessage `json:"releases"`
	Uploads                  []json.RawMessage `json:"uploads"`
	LogMessages              []json.RawMessage `json:"log_messages"`
	Recordings               []json.RawMessage `json:"recordings"`
	RecordingTranscriptions  []json.RawMessage `json:"recording_transcriptions"`
	Media                    []json.RawMessage `json:"media"`
	SiprecConnectors         []json.RawMessage `json:"siprec_connectors"`
	DialogflowConnections    []json.RawMessage `json:"dialogflow_connections"`
	CustomStorageCredentials []json.RawMessage `json:"custom_storage_credentials"`
}

// The item shapes: a record plus what the fake keeps beside the API's
// fields. Outer fields shadow the record's `json:"-"` ones.
type (
	under struct {
		ExternalConnectionID string `json:"external_connection_id"`
	}
	locationSeed struct {
		location
		StaticEmergencyAddressID string `json:"static_emergency_address_id"`
	}
	addressSeed struct {
		under
		civicAddress
		Locations []locationSeed `json:"locations"`
	}
	numberSeed struct {
		under
		phoneNumber
	}
	releaseSeed struct {
		under
		release
		CivicAddressID string `json:"civic_address_id"`
		LocationID     string `json:"location_id"`
	}
	uploadSeed struct {
		under
		uploadItem
		CivicAddressID string `json:"civic_address_id"`
	}
	recordingSeed struct {
		recording
		ConferenceRegion string `json:"conference_region"`
		SIPCallID        string `json:"sip_call_id"`
	}
	mediaSeed struct {
		mediaRecord
		Content       *string `json:"content"`
		ContentBase64 []byte  `json:"content_base64"`
	}
	keyedSeed struct {
		ConnectionID string `json:"connection_id"`
	}
)

// decodeItems decodes each raw item strictly into a T.
func decodeItems[T any](key string, raw []json.RawMessage) ([]T, error) {
	out := make([]T, len(raw))
	for i, r := range raw {
		if err := decodeStrict(r, &out[i]); err != nil {
			return nil, &seedError{pointer: fmt.Sprintf("/%s/%d", key, i), reason: err.Error()}
		}
	}
	return out, nil
}

// parsedItems runs an API create parser over raw items, as the operation
// would on their bodies, with the connection_id an item names.
func parsedItems[T any](key string, raw []json.RawMessage, keyed bool, parse func(*call) (T, *response)) ([]T, error) {
	out := make([]T, len(raw))
	for i, r := range raw {
		at := fmt.Sprintf("/%s/%d", key, i)
		c := &call{body: r, params: map[string]string{}, invalid: http.StatusUnprocessableEntity, malformed: http.StatusBadRequest}
		if keyed {
			var k keyedSeed
			if err := json.Unmarshal(r, &k); err != nil || k.ConnectionID == "" {
				return nil, &seedError{pointer: at + "/connection_id", reason: "connection_id is required"}
			}
			c.params["connection_id"] = k.ConnectionID
		}
		v, resp := parse(c)
		if resp != nil {
			return nil, &seedError{pointer: at, reason: responseDetail(resp)}
		}
		out[i] = v
	}
	return out, nil
}

// responseDetail extracts the detail and source of an error answer.
func responseDetail(resp *response) string {
	var doc struct {
		Errors []apiError `json:"errors"`
	}
	if json.Unmarshal(resp.body, &doc) != nil || len(doc.Errors) == 0 {
		return http.StatusText(resp.status)
	}
	e := doc.Errors[0]
	if e.Source != nil && e.Source.Pointer != "" {
		return e.Detail + " (at " + e.Source.Pointer + ")"
	}
	return e.Detail
}

// needConnection checks that every sub-resource item names its connection.
func needConnection(key string, ids []string) error {
	for i, id := range ids {
		if id == "" {
			return &seedError{pointer: fmt.Sprintf("/%s/%d/external_connection_id", key, i), reason: "external_connection_id is required"}
		}
	}
	return nil
}

func connectionIDs[T any](items []T, id func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}

// seedDocument validates a whole document, then stores it under one lock,
// and returns what it stored, by key, as the API shows it.
func (s *Server) seedDocument(body []byte) (map[string]any, error) {
	var doc seedDoc
	switch err := decodeStrict(body, &doc); {
	case errors.Is(err, errMoreJSON):
		return nil, errors.New("seed document: more than one JSON value")
	case err != nil:
		return nil, fmt.Errorf("seed document: not a JSON object of the known arrays: %w", err)
	}
	var b seedBatch
	if err := b.decodeExternal(&doc); err != nil {
		return nil, err
	}
	if err := b.decodeOthers(&doc); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if doc.Demo {
		s.seedDemo()
	}
	out := seedOutput{}
	s.storeExternal(&b, out)
	s.storeOthers(&b, out)
	return out, nil
}

// seedBatch is a seed document decoded and checked, nothing stored yet.
type seedBatch struct {
	conns    []connection
	addrs    []addressSeed
	numbers  []numberSeed
	releases []releaseSeed
	uploads  []uploadSeed
	logs     []logMessage
	recs     []recordingSeed
	trs      []transcription
	files    []mediaSeed
	sipreqs  []*siprecConnector
	flows    []*dialogflowConn
	creds    []*credentials
}

// decodeUnder decodes the items of key, each of which names an external
// connection that must be in the document.
func decodeUnder[T any](key string, raw []json.RawMessage, conn func(T) string) ([]T, error) {
	items, err := decodeItems[T](key, raw)
	if err != nil {
		return nil, err
	}
	return items, needConnection(key, connectionIDs(items, conn))
}

// decodeExternal decodes the external connections and what belongs to them.
func (b *seedBatch) decodeExternal(doc *seedDoc) error {
	var err error
	if b.conns, err = decodeItems[connection]("external_connections", doc.ExternalConnections); err != nil {
		return err
	}
	if b.addrs, err = decodeUnder("civic_addresses", doc.CivicAddresses, func(a addressSeed) string { return a.ExternalConnectionID }); err != nil {
		return err
	}
	if b.numbers, err = decodeUnder("phone_numbers", doc.PhoneNumbers, func(n numberSeed) string { return n.ExternalConnectionID }); err != nil {
		return err
	}
	if b.releases, err = decodeUnder("releases", doc.Releases, func(r releaseSeed) string { return r.ExternalConnectionID }); err != nil {
		return err
	}
	if b.uploads, err = decodeUnder("uploads", doc.Uploads, func(u uploadSeed) string { return u.ExternalConnectionID }); err != nil {
		return err
	}
	b.logs, err = decodeItems[logMessage]("log_messages", doc.LogMessages)
	return err
}

// decodeOthers decodes the resources that are not under an external
// connection, checking them as the API checks a request that creates one.
func (b *seedBatch) decodeOthers(doc *seedDoc) error {
	var err error
	if b.recs, err = decodeItems[recordingSeed]("recordings", doc.Recordings); err != nil {
		return err
	}
	if b.trs, err = decodeItems[transcription]("recording_transcriptions", doc.RecordingTranscriptions); err != nil {
		return err
	}
	if b.files, err = decodeItems[mediaSeed]("media", doc.Media); err != nil {
		return err
	}
	for i, f := range b.files {
		if f.Content != nil && f.ContentBase64 != nil {
			return &seedError{pointer: fmt.Sprintf("/media/%d/content", i), reason: "give content or content_base64, not both"}
		}
	}
	if b.sipreqs, err = parsedItems("siprec_connectors", doc.SiprecConnectors, false, (*call).parseSiprec); err != nil {
		return err
	}
	if b.flows, err = parsedItems("dialogflow_connections", doc.DialogflowConnections, true, (*call).parseDialogflow); err != nil {
		return err
	}
	b.creds, err = parsedItems("custom_storage_credentials", doc.CustomStorageCredentials, true, (*call).parseCredentials)
	return err
}

// seedOutput is the answer to a seed document: what was stored, by key.
type seedOutput map[string]any

// put sets key to the n items item gives, when there are any.
func (out seedOutput) put(key string, n int, item func(i int) any) {
	if n == 0 {
		return
	}
	items := make([]any, n)
	for i := range items {
		items[i] = item(i)
	}
	out[key] = items
}

// storeExternal stores the external connections of b and what belongs to
// them, and the log messages.
func (s *Server) storeExternal(b *seedBatch, out seedOutput) {
	out.put("external_connections", len(b.conns), func(i int) any { return s.seedConnection(b.conns[i]) })
	out.put("civic_addresses", len(b.addrs), func(i int) any {
		a := b.addrs[i].civicAddress
		a.Locations = make([]location, len(b.addrs[i].Locations))
		for j, l := range b.addrs[i].Locations {
			a.Locations[j] = l.location
			a.Locations[j].StaticEmergencyAddressID = l.StaticEmergencyAddressID
		}
		return s.seedAddress(b.addrs[i].ExternalConnectionID, a)
	})
	out.put("phone_numbers", len(b.numbers), func(i int) any {
		return s.seedNumber(b.numbers[i].ExternalConnectionID, b.numbers[i].phoneNumber)
	})
	out.put("releases", len(b.releases), func(i int) any {
		r := b.releases[i].release
		r.CivicAddressID, r.LocationID = b.releases[i].CivicAddressID, b.releases[i].LocationID
		return s.seedRelease(b.releases[i].ExternalConnectionID, r)
	})
	out.put("uploads", len(b.uploads), func(i int) any {
		u := b.uploads[i].uploadItem
		u.CivicAddressID = b.uploads[i].CivicAddressID
		return s.seedUpload(b.uploads[i].ExternalConnectionID, u)
	})
	out.put("log_messages", len(b.logs), func(i int) any { return s.seedLogMessage(b.logs[i]) })
}

// storeOthers stores the resources of b that are not under an external
// connection.
func (s *Server) storeOthers(b *seedBatch, out seedOutput) {
	out.put("recordings", len(b.recs), func(i int) any {
		r := b.recs[i].recording
		r.ConferenceRegion, r.SIPCallID = b.recs[i].ConferenceRegion, b.recs[i].SIPCallID
		return s.seedRecording(r)
	})
	out.put("recording_transcriptions", len(b.trs), func(i int) any { return s.seedTranscription(b.trs[i]) })
	out.put("media", len(b.files), func(i int) any {
		content := b.files[i].ContentBase64
		if b.files[i].Content != nil {
			content = []byte(*b.files[i].Content)
		}
		return mediaJSON(s.seedMedia(b.files[i].mediaRecord, content))
	})
	out.put("siprec_connectors", len(b.sipreqs), func(i int) any {
		sc := b.sipreqs[i]
		sc.createdAt = s.now().Truncate(time.Millisecond)
		sc.updatedAt = sc.createdAt
		s.st.siprec.put(sc.name, sc)
		return siprecJSON(sc)["data"]
	})
	out.put("dialogflow_connections", len(b.flows), func(i int) any {
		s.st.dialogflow.put(b.flows[i].connectionID, b.flows[i])
		return dialogflowJSON(b.flows[i])["data"]
	})
	out.put("custom_storage_credentials", len(b.creds), func(i int) any {
		s.st.credentials.put(b.creds[i].connectionID, b.creds[i])
		return credentialsJSON(b.creds[i])
	})
}
