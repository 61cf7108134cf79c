package telnyxtest

import (
	"cmp"
	"fmt"
	"time"
)

// Seed methods add data the API offers no way to create. Zero fields get
// sensible defaults (ids, timestamps, record types, statuses); each method
// returns the stored item. Seeding an item whose id already exists replaces
// it. Seeding below a connection id that does not exist creates a default
// Zoom connection with that id.

// SeedExternalConnection stores an external connection, for example an
// Operator Connect one, which the API cannot create.
func (s *Server) SeedExternalConnection(conn ExternalConnection) ExternalConnection {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := conn
	if c.ID == "" {
		c.ID = s.st.intID()
	}
	fillConnectionDefaults(&c, s.now().Truncate(time.Second))
	c.WebhookTimeoutSecs = copyIntPtr(conn.WebhookTimeoutSecs)
	c.Tags = append([]string{}, conn.Tags...)
	c.Inbound.ChannelLimit = copyIntPtr(conn.Inbound.ChannelLimit)
	c.Outbound.ChannelLimit = copyIntPtr(conn.Outbound.ChannelLimit)
	if cd, ok := s.st.connections.get(c.ID); ok {
		*cd.conn = c
	} else {
		s.st.connections.put(c.ID, newConnData(&c))
	}
	return copyConnection(&c)
}

// SeedCivicAddress stores a civic address with its locations below an
// external connection.
func (s *Server) SeedCivicAddress(connectionID string, addr CivicAddress) CivicAddress {
	s.mu.Lock()
	defer s.mu.Unlock()
	cd := s.ensureConnection(connectionID)
	a := copyAddress(&addr)
	if a.ID == "" {
		a.ID = newUUID()
	}
	a.RecordType = cmp.Or(a.RecordType, "civic_address")
	a.Country = cmp.Or(a.Country, "US")
	a.CountryOrDistrict = cmp.Or(a.CountryOrDistrict, a.Country)
	if a.Locations == nil {
		a.Locations = []Location{}
	}
	hasDefault := false
	for i := range a.Locations {
		if a.Locations[i].ID == "" {
			a.Locations[i].ID = newUUID()
		}
		if a.Locations[i].IsDefault {
			hasDefault = true
			if a.DefaultLocationID == "" {
				a.DefaultLocationID = a.Locations[i].ID
			}
		}
	}
	if !hasDefault && len(a.Locations) > 0 {
		a.Locations[0].IsDefault = true
		if a.DefaultLocationID == "" {
			a.DefaultLocationID = a.Locations[0].ID
		}
	}
	cd.addresses.put(a.ID, &a)
	return copyAddress(&a)
}

// SeedPhoneNumber stores a phone number below an external connection.
func (s *Server) SeedPhoneNumber(connectionID string, num PhoneNumber) PhoneNumber {
	s.mu.Lock()
	defer s.mu.Unlock()
	cd := s.ensureConnection(connectionID)
	n := copyNumber(&num)
	if n.NumberID == "" {
		n.NumberID = s.st.intID()
	}
	if n.TelephoneNumber == "" {
		n.TelephoneNumber = s.phoneFor(n.NumberID)
	}
	n.DisplayedCountryCode = cmp.Or(n.DisplayedCountryCode, "US")
	if n.AcquiredCapabilities == nil {
		n.AcquiredCapabilities = []string{"InboundCalling", "OutboundCalling"}
	}
	if n.LocationID != "" && n.CivicAddressID == "" {
		if addr, _ := findLocation(cd, n.LocationID); addr != nil {
			n.CivicAddressID = addr.ID
		}
	}
	cd.numbers.put(n.NumberID, &n)
	return copyNumber(&n)
}

// SeedRelease stores a release request below an external connection.
func (s *Server) SeedRelease(connectionID string, rel Release) Release {
	s.mu.Lock()
	defer s.mu.Unlock()
	cd := s.ensureConnection(connectionID)
	r := copyRelease(&rel)
	if r.TicketID == "" {
		r.TicketID = newUUID()
	}
	if r.TenantID == "" {
		r.TenantID = s.tenantID()
	}
	r.Status = cmp.Or(r.Status, "pending_upload")
	if r.TelephoneNumbers == nil {
		r.TelephoneNumbers = []ReleaseNumber{}
	}
	if r.CreatedAt.IsZero() {
		r.CreatedAt = s.now().Truncate(time.Millisecond)
	}
	cd.releases.put(r.TicketID, &r)
	return copyRelease(&r)
}

// SeedUpload stores an upload request below an external connection, for
// example one in the "error" state to exercise the retry action.
func (s *Server) SeedUpload(connectionID string, up Upload) Upload {
	s.mu.Lock()
	defer s.mu.Unlock()
	cd := s.ensureConnection(connectionID)
	u := copyUpload(&up)
	if u.TicketID == "" {
		u.TicketID = newUUID()
	}
	if u.TenantID == "" {
		u.TenantID = s.tenantID()
	}
	u.Status = cmp.Or(u.Status, "pending_upload")
	if u.AvailableUsages == nil {
		u.AvailableUsages = []string{}
	}
	if u.TnUploadEntries == nil {
		u.TnUploadEntries = []UploadEntry{}
	}
	for i := range u.TnUploadEntries {
		e := &u.TnUploadEntries[i]
		if e.NumberID == "" {
			e.NumberID = s.st.intID()
		}
		if e.Status == "" {
			e.Status = u.Status
			if !oneOf(e.Status, uploadFilterStatuses...) {
				e.Status = "pending_upload"
			}
		}
		e.LocationID = cmp.Or(e.LocationID, u.LocationID)
	}
	cd.uploads.put(u.TicketID, &u)
	return copyUpload(&u)
}

// SeedLogMessage stores a log message.
func (s *Server) SeedLogMessage(msg LogMessage) LogMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := copyLogMessage(&msg)
	if m.ID == "" {
		m.ID = s.st.intID()
	}
	m.Code = cmp.Or(m.Code, "10015")
	m.Title = cmp.Or(m.Title, "Invalid parameter")
	s.st.logMessages.put(m.ID, &m)
	return copyLogMessage(&m)
}

// SeedRecording stores a call recording.
func (s *Server) SeedRecording(rec Recording) Recording {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := rec
	if r.ID == "" {
		r.ID = newUUID()
	}
	r.RecordType = cmp.Or(r.RecordType, "recording")
	if r.CallLegID == "" {
		r.CallLegID = newUUID()
	}
	if r.CallSessionID == "" {
		r.CallSessionID = newUUID()
	}
	r.Channels = cmp.Or(r.Channels, "single")
	if r.Source == "" {
		r.Source = "call"
		if r.ConferenceID != "" {
			r.Source = "conference"
		}
	}
	r.Status = cmp.Or(r.Status, "completed")
	r.DurationMillis = cmp.Or(r.DurationMillis, 60000)
	if r.CreatedAt.IsZero() {
		r.CreatedAt = s.now().Truncate(time.Millisecond)
	}
	if r.UpdatedAt.IsZero() {
		r.UpdatedAt = r.CreatedAt
	}
	if r.RecordingEndedAt.IsZero() {
		r.RecordingEndedAt = r.CreatedAt
	}
	if r.RecordingStartedAt.IsZero() {
		r.RecordingStartedAt = r.RecordingEndedAt.Add(-time.Duration(r.DurationMillis) * time.Millisecond)
	}
	if r.DownloadURLs == (RecordingDownloadURLs{}) {
		r.DownloadURLs = RecordingDownloadURLs{
			MP3: "https://recordings.example.com/" + r.ID + ".mp3",
			WAV: "https://recordings.example.com/" + r.ID + ".wav",
		}
	}
	s.st.recordings.put(r.ID, &r)
	return r
}

// SeedTranscription stores a recording transcription. Transcriptions are
// listed in the order they were seeded.
func (s *Server) SeedTranscription(tr Transcription) Transcription {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := tr
	if t.ID == "" {
		t.ID = newUUID()
	}
	if t.RecordingID == "" {
		t.RecordingID = newUUID()
	}
	t.RecordType = cmp.Or(t.RecordType, "recording_transcription")
	t.Status = cmp.Or(t.Status, "completed")
	t.DurationMillis = cmp.Or(t.DurationMillis, 60000)
	if t.CreatedAt.IsZero() {
		t.CreatedAt = s.now().Truncate(time.Millisecond)
	}
	if t.UpdatedAt.IsZero() {
		t.UpdatedAt = t.CreatedAt
	}
	s.st.nextSeq++
	s.st.transcriptions.del(t.ID)
	s.st.transcriptions.put(t.ID, &transcriptionItem{seq: s.st.nextSeq, t: &t})
	return t
}

// SeedDemo fills the fake with a small, varied data set: a Zoom and an
// Operator Connect connection with civic addresses, phone numbers, releases
// and an upload, log messages, recordings and transcriptions.
func (s *Server) SeedDemo() {
	base := s.now().Add(-72 * time.Hour).Truncate(time.Second)
	zoom := s.SeedExternalConnection(ExternalConnection{
		ConnectionName:        "Demo Zoom",
		Active:                true,
		ExternalSIPConnection: "zoom",
		Outbound:              ConnectionOutbound{OutboundVoiceProfileID: "1911630617284445511"},
		CreatedAt:             base,
	})
	oc := s.SeedExternalConnection(ExternalConnection{
		ConnectionName:        "Demo Operator Connect",
		Active:                true,
		CredentialActive:      true,
		ExternalSIPConnection: "operator_connect",
		Outbound:              ConnectionOutbound{OutboundVoiceProfileID: "1911630617284445511"},
		CreatedAt:             base.Add(time.Hour),
	})
	_ = zoom
	austin := s.SeedCivicAddress(oc.ID, CivicAddress{
		CityOrTown: "Austin", CompanyName: "Telnyx", HouseNumber: "600",
		PostalOrZipCode: "78701", StateOrProvince: "TX", StreetName: "Congress", StreetSuffix: "St",
		Locations: []Location{{IsDefault: true}, {AdditionalInfo: "14th Floor"}},
	})
	chicago := s.SeedCivicAddress(oc.ID, CivicAddress{
		CityOrTown: "Chicago", CompanyName: "Telnyx", HouseNumber: "311",
		PostalOrZipCode: "60606", StateOrProvince: "IL", StreetName: "Wacker", StreetSuffix: "Dr",
		Locations: []Location{{IsDefault: true}},
	})
	for i := 0; i < 5; i++ {
		addr := austin
		if i%2 == 1 {
			addr = chicago
		}
		s.SeedPhoneNumber(oc.ID, PhoneNumber{
			TelephoneNumber:      fmt.Sprintf("+1512555%04d", i+1),
			CivicAddressID:       addr.ID,
			LocationID:           addr.DefaultLocationID,
			AcquiredCapabilities: []string{"FirstPartyAppAssignment", "InboundCalling", "OutboundCalling"},
		})
	}
	s.SeedRelease(oc.ID, Release{Status: "complete", TelephoneNumbers: []ReleaseNumber{{PhoneNumber: "+15125559001", NumberID: "1930241863466399001"}}, CreatedAt: base.Add(2 * time.Hour)})
	s.SeedRelease(oc.ID, Release{Status: "pending", TelephoneNumbers: []ReleaseNumber{{PhoneNumber: "+15125559002", NumberID: "1930241863466399002"}}, CreatedAt: base.Add(3 * time.Hour)})
	up := s.SeedUpload(oc.ID, Upload{
		Status: "error", ErrorCode: "internal_error", ErrorMessage: "The upload failed; retry it.",
		LocationID: austin.DefaultLocationID, AvailableUsages: []string{"first_party_app_assignment"},
		TnUploadEntries: []UploadEntry{{NumberID: "1930241863466399100", PhoneNumber: "+15125559100", Status: "error", ErrorCode: "internal_error", CivicAddressID: austin.ID}},
	})
	s.SeedLogMessage(LogMessage{Detail: "The phone number could not be assigned.", Source: &LogMessageSource{Pointer: "/telephone_number"},
		Meta: LogMessageMeta{TelephoneNumber: "+15125559100", ExternalConnectionID: oc.ID, TicketID: up.TicketID}})
	s.SeedLogMessage(LogMessage{Code: "10007", Title: "Unexpected error", Detail: "Microsoft Teams did not answer in time.",
		Meta: LogMessageMeta{ExternalConnectionID: oc.ID}})
	s.SeedLogMessage(LogMessage{Detail: "The civic address is incomplete.", Meta: LogMessageMeta{ExternalConnectionID: zoom.ID, TelephoneNumber: "+15125550001"}})
	for i := 0; i < 25; i++ {
		r := Recording{
			CreatedAt:      base.Add(time.Duration(i) * time.Hour),
			DurationMillis: 30000 + i*1000,
			Channels:       []string{"single", "dual"}[i%2],
			From:           fmt.Sprintf("+1312555%04d", i),
			To:             "+15125550001",
			ConnectionID:   zoom.ID,
		}
		if i%5 == 0 {
			r.ConferenceID = newUUID()
		}
		rec := s.SeedRecording(r)
		if i%2 == 0 {
			s.SeedTranscription(Transcription{
				RecordingID:       rec.ID,
				CreatedAt:         rec.CreatedAt.Add(time.Minute),
				DurationMillis:    rec.DurationMillis,
				TranscriptionText: fmt.Sprintf("Demo transcription number %d: good morning, how may I help you?", i/2+1),
			})
		}
	}
}

func copyIntPtr(p *int) *int {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func copyConnection(c *ExternalConnection) ExternalConnection {
	out := *c
	out.WebhookTimeoutSecs = copyIntPtr(c.WebhookTimeoutSecs)
	out.Tags = append([]string{}, c.Tags...)
	out.Inbound.ChannelLimit = copyIntPtr(c.Inbound.ChannelLimit)
	out.Outbound.ChannelLimit = copyIntPtr(c.Outbound.ChannelLimit)
	return out
}

func copyAddress(a *CivicAddress) CivicAddress {
	out := *a
	if a.Locations != nil {
		out.Locations = append([]Location{}, a.Locations...)
	}
	return out
}

func copyNumber(n *PhoneNumber) PhoneNumber {
	out := *n
	if n.AcquiredCapabilities != nil {
		out.AcquiredCapabilities = append([]string{}, n.AcquiredCapabilities...)
	}
	return out
}

func copyRelease(r *Release) Release {
	out := *r
	if r.TelephoneNumbers != nil {
		out.TelephoneNumbers = append([]ReleaseNumber{}, r.TelephoneNumbers...)
	}
	return out
}

func copyUpload(u *Upload) Upload {
	out := *u
	if u.AvailableUsages != nil {
		out.AvailableUsages = append([]string{}, u.AvailableUsages...)
	}
	if u.TnUploadEntries != nil {
		out.TnUploadEntries = append([]UploadEntry{}, u.TnUploadEntries...)
	}
	return out
}

func copyLogMessage(m *LogMessage) LogMessage {
	out := *m
	if m.Source != nil {
		src := *m.Source
		out.Source = &src
	}
	return out
}
