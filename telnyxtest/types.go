package telnyxtest

import "time"

// The records in this file are what the fake stores and answers. Their
// JSON is the API's: the Seed methods convert the SDK's types into them
// through it, and omitempty keeps unset optional fields out of answers, as
// the spec's schemas want. Fields tagged `json:"-"` only serve the list
// filters and come from seed options.

type connection struct {
	ID                      string       `json:"id"`
	RecordType              string       `json:"record_type"`
	ConnectionName          string       `json:"connection_name,omitempty"`
	Active                  bool         `json:"active"`
	CredentialActive        bool         `json:"credential_active"`
	ExternalSIPConnection   string       `json:"external_sip_connection"`
	Tags                    []string     `json:"tags"`
	WebhookEventURL         string       `json:"webhook_event_url,omitempty"`
	WebhookEventFailoverURL *string      `json:"webhook_event_failover_url"`
	WebhookAPIVersion       string       `json:"webhook_api_version"`
	WebhookTimeoutSecs      *int         `json:"webhook_timeout_secs"`
	Inbound                 connInbound  `json:"inbound"`
	Outbound                connOutbound `json:"outbound"`
	CreatedAt               time.Time    `json:"created_at"`
	UpdatedAt               time.Time    `json:"updated_at"`
}

type connInbound struct {
	ChannelLimit *int `json:"channel_limit,omitempty"`
}

type connOutbound struct {
	ChannelLimit           *int   `json:"channel_limit,omitempty"`
	OutboundVoiceProfileID string `json:"outbound_voice_profile_id,omitempty"`
}

type civicAddress struct {
	ID                string     `json:"id"`
	RecordType        string     `json:"record_type"`
	CityOrTown        string     `json:"city_or_town"`
	CityOrTownAlias   string     `json:"city_or_town_alias"`
	CompanyName       string     `json:"company_name"`
	Country           string     `json:"country"`
	CountryOrDistrict string     `json:"country_or_district"`
	DefaultLocationID string     `json:"default_location_id,omitempty"`
	Description       string     `json:"description,omitempty"`
	HouseNumber       string     `json:"house_number"`
	HouseNumberSuffix string     `json:"house_number_suffix"`
	PostalOrZipCode   string     `json:"postal_or_zip_code"`
	StateOrProvince   string     `json:"state_or_province"`
	StreetName        string     `json:"street_name"`
	StreetSuffix      string     `json:"street_suffix"`
	Locations         []location `json:"locations"`
}

type location struct {
	ID             string `json:"id"`
	AdditionalInfo string `json:"additional_info"`
	Description    string `json:"description,omitempty"`
	IsDefault      bool   `json:"is_default"`
	// StaticEmergencyAddressID is the accepted emergency address, set by
	// updateLocation or WithEmergencyAddress.
	StaticEmergencyAddressID string `json:"-"`
}

type phoneNumber struct {
	TicketID             string   `json:"ticket_id,omitempty"`
	TelephoneNumber      string   `json:"telephone_number"`
	NumberID             string   `json:"number_id"`
	CivicAddressID       string   `json:"civic_address_id,omitempty"`
	LocationID           string   `json:"location_id,omitempty"`
	DisplayedCountryCode string   `json:"displayed_country_code,omitempty"`
	AcquiredCapabilities []string `json:"acquired_capabilities"`
}

type release struct {
	TicketID         string          `json:"ticket_id"`
	TenantID         string          `json:"tenant_id,omitempty"`
	Status           string          `json:"status"`
	ErrorMessage     string          `json:"error_message,omitempty"`
	TelephoneNumbers []releaseNumber `json:"telephone_numbers"`
	CreatedAt        time.Time       `json:"created_at"`
	CivicAddressID   string          `json:"-"`
	LocationID       string          `json:"-"`
}

type releaseNumber struct {
	PhoneNumber string `json:"phone_number"`
	NumberID    string `json:"number_id"`
}

type uploadItem struct {
	TicketID        string        `json:"ticket_id"`
	TenantID        string        `json:"tenant_id,omitempty"`
	LocationID      string        `json:"location_id,omitempty"`
	Status          string        `json:"status"`
	AvailableUsages []string      `json:"available_usages"`
	ErrorCode       string        `json:"error_code,omitempty"`
	ErrorMessage    string        `json:"error_message,omitempty"`
	TnUploadEntries []uploadEntry `json:"tn_upload_entries"`
	CivicAddressID  string        `json:"-"`
}

type uploadEntry struct {
	NumberID       string `json:"number_id"`
	PhoneNumber    string `json:"phone_number,omitempty"`
	Status         string `json:"status"`
	ErrorCode      string `json:"error_code,omitempty"`
	ErrorMessage   string `json:"error_message,omitempty"`
	CivicAddressID string `json:"civic_address_id,omitempty"`
	LocationID     string `json:"location_id,omitempty"`
	InternalStatus string `json:"internal_status,omitempty"`
}

// logMessage carries the id its paths use; the spec's schema has none.
type logMessage struct {
	ID     string            `json:"id"`
	Code   string            `json:"code"`
	Title  string            `json:"title"`
	Detail string            `json:"detail,omitempty"`
	Source *logMessageSource `json:"source,omitempty"`
	Meta   logMessageMeta    `json:"meta"`
}

type logMessageSource struct {
	Pointer string `json:"pointer,omitempty"`
}

type logMessageMeta struct {
	TelephoneNumber      string `json:"telephone_number,omitempty"`
	ExternalConnectionID string `json:"external_connection_id,omitempty"`
	TicketID             string `json:"ticket_id,omitempty"`
}

type recording struct {
	ID                 string        `json:"id"`
	CallControlID      string        `json:"call_control_id,omitempty"`
	CallLegID          string        `json:"call_leg_id,omitempty"`
	CallSessionID      string        `json:"call_session_id,omitempty"`
	Channels           string        `json:"channels"`
	ConferenceID       string        `json:"conference_id,omitempty"`
	ConnectionID       string        `json:"connection_id,omitempty"`
	From               string        `json:"from,omitempty"`
	To                 string        `json:"to,omitempty"`
	InitiatedBy        string        `json:"initiated_by,omitempty"`
	CreatedAt          time.Time     `json:"created_at"`
	DownloadURLs       recordingURLs `json:"download_urls"`
	DurationMillis     int           `json:"duration_millis"`
	RecordType         string        `json:"record_type"`
	RecordingStartedAt time.Time     `json:"recording_started_at"`
	RecordingEndedAt   time.Time     `json:"recording_ended_at"`
	Source             string        `json:"source"`
	Status             string        `json:"status"`
	UpdatedAt          time.Time     `json:"updated_at"`
	// ConferenceRegion and SIPCallID are not in the API's answer; the
	// list filters match them.
	ConferenceRegion string `json:"-"`
	SIPCallID        string `json:"-"`
}

type recordingURLs struct {
	MP3 string `json:"mp3,omitempty"`
	WAV string `json:"wav,omitempty"`
}

type transcription struct {
	ID                string    `json:"id"`
	RecordingID       string    `json:"recording_id"`
	CreatedAt         time.Time `json:"created_at"`
	DurationMillis    int       `json:"duration_millis"`
	RecordType        string    `json:"record_type"`
	Status            string    `json:"status"`
	TranscriptionText string    `json:"transcription_text"`
	UpdatedAt         time.Time `json:"updated_at"`
}
