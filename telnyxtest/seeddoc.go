package telnyxtest

import (
	"bytes"
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
		dec := json.NewDecoder(bytes.NewReader(r))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&out[i]); err != nil {
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
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("seed document: not a JSON object of the known arrays: %w", err)
	}
	if dec.More() {
		return nil, errors.New("seed document: more than one JSON value")
	}
	conns, err := decodeItems[connection]("external_connections", doc.ExternalConnections)
	if err != nil {
		return nil, err
	}
	addrs, err := decodeItems[addressSeed]("civic_addresses", doc.CivicAddresses)
	if err == nil {
		err = needConnection("civic_addresses", connectionIDs(addrs, func(a addressSeed) string { return a.ExternalConnectionID }))
	}
	if err != nil {
		return nil, err
	}
	numbers, err := decodeItems[numberSeed]("phone_numbers", doc.PhoneNumbers)
	if err == nil {
		err = needConnection("phone_numbers", connectionIDs(numbers, func(n numberSeed) string { return n.ExternalConnectionID }))
	}
	if err != nil {
		return nil, err
	}
	releases, err := decodeItems[releaseSeed]("releases", doc.Releases)
	if err == nil {
		err = needConnection("releases", connectionIDs(releases, func(r releaseSeed) string { return r.ExternalConnectionID }))
	}
	if err != nil {
		return nil, err
	}
	uploads, err := decodeItems[uploadSeed]("uploads", doc.Uploads)
	if err == nil {
		err = needConnection("uploads", connectionIDs(uploads, func(u uploadSeed) string { return u.ExternalConnectionID }))
	}
	if err != nil {
		return nil, err
	}
	logs, err := decodeItems[logMessage]("log_messages", doc.LogMessages)
	if err != nil {
		return nil, err
	}
	recs, err := decodeItems[recordingSeed]("recordings", doc.Recordings)
	if err != nil {
		return nil, err
	}
	trs, err := decodeItems[transcription]("recording_transcriptions", doc.RecordingTranscriptions)
	if err != nil {
		return nil, err
	}
	files, err := decodeItems[mediaSeed]("media", doc.Media)
	if err != nil {
		return nil, err
	}
	for i, f := range files {
		if f.Content != nil && f.ContentBase64 != nil {
			return nil, &seedError{pointer: fmt.Sprintf("/media/%d/content", i), reason: "give content or content_base64, not both"}
		}
	}
	sipreqs, err := parsedItems("siprec_connectors", doc.SiprecConnectors, false, (*call).parseSiprec)
	if err != nil {
		return nil, err
	}
	flows, err := parsedItems("dialogflow_connections", doc.DialogflowConnections, true, (*call).parseDialogflow)
	if err != nil {
		return nil, err
	}
	creds, err := parsedItems("custom_storage_credentials", doc.CustomStorageCredentials, true, (*call).parseCredentials)
	if err != nil {
		return nil, err
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if doc.Demo {
		s.seedDemo()
	}
	out := map[string]any{}
	put := func(key string, n int, item func(i int) any) {
		if n == 0 {
			return
		}
		items := make([]any, n)
		for i := range items {
			items[i] = item(i)
		}
		out[key] = items
	}
	put("external_connections", len(conns), func(i int) any { return s.seedConnection(conns[i]) })
	put("civic_addresses", len(addrs), func(i int) any {
		a := addrs[i].civicAddress
		a.Locations = make([]location, len(addrs[i].Locations))
		for j, l := range addrs[i].Locations {
			a.Locations[j] = l.location
			a.Locations[j].StaticEmergencyAddressID = l.StaticEmergencyAddressID
		}
		return s.seedAddress(addrs[i].ExternalConnectionID, a)
	})
	put("phone_numbers", len(numbers), func(i int) any {
		return s.seedNumber(numbers[i].ExternalConnectionID, numbers[i].phoneNumber)
	})
	put("releases", len(releases), func(i int) any {
		r := releases[i].release
		r.CivicAddressID, r.LocationID = releases[i].CivicAddressID, releases[i].LocationID
		return s.seedRelease(releases[i].ExternalConnectionID, r)
	})
	put("uploads", len(uploads), func(i int) any {
		u := uploads[i].uploadItem
		u.CivicAddressID = uploads[i].CivicAddressID
		return s.seedUpload(uploads[i].ExternalConnectionID, u)
	})
	put("log_messages", len(logs), func(i int) any { return s.seedLogMessage(logs[i]) })
	put("recordings", len(recs), func(i int) any {
		r := recs[i].recording
		r.ConferenceRegion, r.SIPCallID = recs[i].ConferenceRegion, recs[i].SIPCallID
		return s.seedRecording(r)
	})
	put("recording_transcriptions", len(trs), func(i int) any { return s.seedTranscription(trs[i]) })
	put("media", len(files), func(i int) any {
		content := files[i].ContentBase64
		if files[i].Content != nil {
			content = []byte(*files[i].Content)
		}
		return mediaJSON(s.seedMedia(files[i].mediaRecord, content))
	})
	put("siprec_connectors", len(sipreqs), func(i int) any {
		sc := sipreqs[i]
		sc.createdAt = s.now().Truncate(time.Millisecond)
		sc.updatedAt = sc.createdAt
		s.st.siprec.put(sc.name, sc)
		return siprecJSON(sc)["data"]
	})
	put("dialogflow_connections", len(flows), func(i int) any {
		s.st.dialogflow.put(flows[i].connectionID, flows[i])
		return dialogflowJSON(flows[i])["data"]
	})
	put("custom_storage_credentials", len(creds), func(i int) any {
		s.st.credentials.put(creds[i].connectionID, creds[i])
		return credentialsJSON(creds[i])
	})
	return out, nil
}
