package telnyxtest

import (
	"cmp"
	"fmt"
	"mime"
	"net/http"
	"time"

	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
)

// SeedRecording stores a call recording. Defaults: a generated ID,
// CallLegID and CallSessionID, RecordType "recording", Channels "single",
// Source "call" ("conference" with a ConferenceID), Status "completed",
// DurationMillis 60000, CreatedAt the server's clock, UpdatedAt and
// RecordingEndedAt CreatedAt, RecordingStartedAt DurationMillis earlier,
// and example.com download links. It takes WithConferenceRegion and
// WithSIPCallID for the list filters on fields the answer does not carry.
func (s *Server) SeedRecording(rec recordings.Recording, opts ...SeedOption) recordings.Recording {
	x := extras("SeedRecording", opts, "WithConferenceRegion", "WithSIPCallID")
	r := convert[recording](rec)
	r.ConferenceRegion, r.SIPCallID = x.conferenceRegion, x.sipCallID
	s.mu.Lock()
	defer s.mu.Unlock()
	return convert[recordings.Recording](s.seedRecording(r))
}

// SeedTranscription stores a recording transcription; they are listed in
// the order they were seeded. Defaults: generated ID and RecordingID,
// RecordType "recording_transcription", Status "completed", DurationMillis
// 60000, CreatedAt the server's clock, UpdatedAt CreatedAt.
func (s *Server) SeedTranscription(tr recordings.Transcription, opts ...SeedOption) recordings.Transcription {
	extras("SeedTranscription", opts)
	t := convert[transcription](tr)
	s.mu.Lock()
	defer s.mu.Unlock()
	return convert[recordings.Transcription](s.seedTranscription(t))
}

// SeedMedia stores media with the given content, for example media that
// is about to expire, which the API's upload cannot backdate. Defaults: a
// generated MediaName, ContentType by the name's extension or sniffed from
// content, CreatedAt the server's clock, UpdatedAt CreatedAt, ExpiresAt
// two days after CreatedAt.
func (s *Server) SeedMedia(file media.File, content []byte, opts ...SeedOption) media.File {
	extras("SeedMedia", opts)
	m := convert[mediaRecord](file)
	s.mu.Lock()
	defer s.mu.Unlock()
	return convert[media.File](mediaJSON(s.seedMedia(m, content)))
}

// SeedDemo fills the fake with a small, varied data set: a Zoom and an
// Operator Connect connection with civic addresses, phone numbers, releases
// and an upload, log messages, recordings and transcriptions.
func (s *Server) SeedDemo() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seedDemo()
}

// seedDemo is SeedDemo with s.mu held.
func (s *Server) seedDemo() {
	base := s.now().Add(-72 * time.Hour).Truncate(time.Second)
	profile := connOutbound{OutboundVoiceProfileID: "1911630617284445511"}
	zoom := s.seedConnection(connection{ConnectionName: "Demo Zoom", Active: true, Outbound: profile, CreatedAt: base})
	oc := s.seedConnection(connection{ConnectionName: "Demo Operator Connect", Active: true, CredentialActive: true,
		ExternalSIPConnection: "operator_connect", Outbound: profile, CreatedAt: base.Add(time.Hour)})
	austin := s.seedAddress(oc.ID, civicAddress{
		CityOrTown: "Austin", CompanyName: "Telnyx", HouseNumber: "600",
		PostalOrZipCode: "78701", StateOrProvince: "TX", StreetName: "Congress", StreetSuffix: "St",
		Locations: []location{{IsDefault: true}, {AdditionalInfo: "14th Floor"}},
	})
	chicago := s.seedAddress(oc.ID, civicAddress{
		CityOrTown: "Chicago", CompanyName: "Telnyx", HouseNumber: "311",
		PostalOrZipCode: "60606", StateOrProvince: "IL", StreetName: "Wacker", StreetSuffix: "Dr",
		Locations: []location{{IsDefault: true}},
	})
	for i := range 5 {
		addr := austin
		if i%2 == 1 {
			addr = chicago
		}
		s.seedNumber(oc.ID, phoneNumber{
			TelephoneNumber:      fmt.Sprintf("+1512555%04d", i+1),
			CivicAddressID:       addr.ID,
			LocationID:           addr.DefaultLocationID,
			AcquiredCapabilities: []string{"FirstPartyAppAssignment", "InboundCalling", "OutboundCalling"},
		})
	}
	s.seedRelease(oc.ID, release{Status: "complete", TelephoneNumbers: []releaseNumber{{PhoneNumber: "+15125559001", NumberID: "1930241863466399001"}}, CreatedAt: base.Add(2 * time.Hour)})
	s.seedRelease(oc.ID, release{Status: "pending", TelephoneNumbers: []releaseNumber{{PhoneNumber: "+15125559002", NumberID: "1930241863466399002"}}, CreatedAt: base.Add(3 * time.Hour)})
	up := s.seedUpload(oc.ID, uploadItem{
		Status: "error", ErrorCode: "internal_error", ErrorMessage: "The upload failed; retry it.",
		LocationID: austin.DefaultLocationID, AvailableUsages: []string{"first_party_app_assignment"},
		TnUploadEntries: []uploadEntry{{NumberID: "1930241863466399100", PhoneNumber: "+15125559100", Status: "error", ErrorCode: "internal_error", CivicAddressID: austin.ID}},
	})
	s.seedLogMessage(logMessage{Detail: "The phone number could not be assigned.", Source: &logMessageSource{Pointer: "/telephone_number"},
		Meta: logMessageMeta{TelephoneNumber: "+15125559100", ExternalConnectionID: oc.ID, TicketID: up.TicketID}})
	s.seedLogMessage(logMessage{Code: "10007", Title: "Unexpected error", Detail: "Microsoft Teams did not answer in time.",
		Meta: logMessageMeta{ExternalConnectionID: oc.ID}})
	s.seedLogMessage(logMessage{Detail: "The civic address is incomplete.", Meta: logMessageMeta{ExternalConnectionID: zoom.ID, TelephoneNumber: "+15125550001"}})
	s.seedDemoRecordings(base, zoom.ID)
}

// seedDemoRecordings adds the demo's 25 recordings on connectionID, an hour
// apart from base, with a transcription for every other one.
func (s *Server) seedDemoRecordings(base time.Time, connectionID string) {
	for i := range 25 {
		r := recording{
			CreatedAt:      base.Add(time.Duration(i) * time.Hour),
			DurationMillis: 30000 + i*1000,
			Channels:       []string{"single", "dual"}[i%2],
			From:           fmt.Sprintf("+1312555%04d", i),
			To:             "+15125550001",
			ConnectionID:   connectionID,
		}
		if i%5 == 0 {
			r.ConferenceID = newUUID()
		}
		rec := s.seedRecording(r)
		if i%2 == 0 {
			s.seedTranscription(transcription{
				RecordingID:       rec.ID,
				CreatedAt:         rec.CreatedAt.Add(time.Minute),
				DurationMillis:    rec.DurationMillis,
				TranscriptionText: fmt.Sprintf("Demo transcription number %d: good morning, how may I help you?", i/2+1),
			})
		}
	}
}

// Recordings, transcriptions and media records, as the Seed methods and
// the seed document store them; s.mu must be held.

func (s *Server) seedRecording(r recording) recording {
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
	if r.DownloadURLs == (recordingURLs{}) {
		r.DownloadURLs = recordingURLs{
			MP3: "https://recordings.example.com/" + r.ID + ".mp3",
			WAV: "https://recordings.example.com/" + r.ID + ".wav",
		}
	}
	s.st.recordings.put(r.ID, &r)
	return r
}

func (s *Server) seedTranscription(t transcription) transcription {
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
	s.st.transcriptions.del(t.ID)
	s.st.transcriptions.put(t.ID, &t)
	return t
}

// mediaRecord is stored media in the API's JSON, for seeding.
type mediaRecord struct {
	MediaName   string    `json:"media_name"`
	ContentType string    `json:"content_type"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	ExpiresAt   time.Time `json:"expires_at"`
}

func (s *Server) seedMedia(m mediaRecord, content []byte) *mediaItem {
	now := s.now().Truncate(time.Millisecond)
	it := &mediaItem{
		name:        cmp.Or(m.MediaName, newUUID()),
		contentType: m.ContentType,
		data:        append([]byte{}, content...),
		createdAt:   cmp.Or(m.CreatedAt, now),
		expiresAt:   m.ExpiresAt,
	}
	if _, _, err := mime.ParseMediaType(it.contentType); err != nil {
		it.contentType = cmp.Or(typeByExt(it.name), http.DetectContentType(it.data))
	}
	it.updatedAt = cmp.Or(m.UpdatedAt, it.createdAt)
	if it.expiresAt.IsZero() {
		it.expiresAt = it.createdAt.Add(defaultMediaTTL)
	}
	s.st.media.put(it.name, it)
	return it
}
