package telnyxtest

import "time"

// The types in this file describe resources held by the fake. They are used
// both to seed data and as the JSON shapes the fake returns; field names
// follow the API's JSON fields. Fields tagged `json:"-"` are only used for
// filtering and are not part of the API's response shape.

// ExternalConnection is an external SIP connection (Zoom or Operator Connect).
type ExternalConnection struct {
	// ID is a numeric string; generated when empty.
	ID string `json:"id"`
	// RecordType defaults to "external_connection".
	RecordType string `json:"record_type"`
	// ConnectionName is matched by filter[connection_name][contains].
	ConnectionName string `json:"connection_name,omitempty"`
	// Active reports whether the connection takes calls; connections
	// created through the API start active.
	Active bool `json:"active"`
	// CredentialActive reports whether the connection's SIP credentials
	// are in use.
	CredentialActive bool `json:"credential_active"`
	// ExternalSIPConnection is "zoom" or "operator_connect"; defaults to "zoom".
	ExternalSIPConnection string `json:"external_sip_connection"`
	// Tags are free-form labels; create sets them and update replaces them
	// when given. Never null in answers.
	Tags []string `json:"tags"`
	// WebhookEventURL receives the connection's webhooks.
	WebhookEventURL string `json:"webhook_event_url,omitempty"`
	// WebhookEventFailoverURL receives webhooks the primary URL did not take.
	WebhookEventFailoverURL string `json:"webhook_event_failover_url"`
	// WebhookAPIVersion is the webhook format, "1" or "2"; defaults to "1".
	WebhookAPIVersion string `json:"webhook_api_version"`
	// WebhookTimeoutSecs is how long a webhook delivery may take; nil
	// leaves the API's default.
	WebhookTimeoutSecs *int               `json:"webhook_timeout_secs"`
	Inbound            ConnectionInbound  `json:"inbound"`
	Outbound           ConnectionOutbound `json:"outbound"`
	// CreatedAt and UpdatedAt default to the server's clock.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// ConnectionInbound holds the inbound settings of an external connection.
type ConnectionInbound struct {
	// ChannelLimit caps concurrent inbound calls; nil means no limit.
	ChannelLimit *int `json:"channel_limit,omitempty"`
}

// ConnectionOutbound holds the outbound settings of an external connection.
type ConnectionOutbound struct {
	// ChannelLimit caps concurrent outbound calls; nil means no limit.
	ChannelLimit *int `json:"channel_limit,omitempty"`
	// OutboundVoiceProfileID is the Telnyx outbound voice profile the
	// connection's outbound calls use.
	OutboundVoiceProfileID string `json:"outbound_voice_profile_id,omitempty"`
}

// CivicAddress is a Microsoft Teams civic address with its locations.
type CivicAddress struct {
	// ID is a UUID; generated when empty.
	ID string `json:"id"`
	// RecordType defaults to "civic_address".
	RecordType string `json:"record_type"`
	CityOrTown string `json:"city_or_town"`
	// CityOrTownAlias is an alternative name of the city, if any.
	CityOrTownAlias string `json:"city_or_town_alias"`
	CompanyName     string `json:"company_name"`
	// Country is the ISO 3166-1 alpha-2 code, matched by filter[country];
	// defaults to "US".
	Country string `json:"country"`
	// CountryOrDistrict is Microsoft's form of the country; defaults to Country.
	CountryOrDistrict string `json:"country_or_district"`
	// DefaultLocationID defaults to the location marked IsDefault (or the first one).
	DefaultLocationID string     `json:"default_location_id,omitempty"`
	HouseNumber       string     `json:"house_number"`
	HouseNumberSuffix string     `json:"house_number_suffix"`
	PostalOrZipCode   string     `json:"postal_or_zip_code"`
	StateOrProvince   string     `json:"state_or_province"`
	StreetName        string     `json:"street_name"`
	StreetSuffix      string     `json:"street_suffix"`
	Locations         []Location `json:"locations"`
}

// Location is a location inside a civic address.
type Location struct {
	// ID is a UUID; generated when empty.
	ID string `json:"id"`
	// AdditionalInfo describes the place within the address, such as a floor.
	AdditionalInfo string `json:"additional_info"`
	// IsDefault marks the address's default location; the first location
	// is the default when none is marked.
	IsDefault bool `json:"is_default"`
	// StaticEmergencyAddressID is set by the updateLocation operation.
	StaticEmergencyAddressID string `json:"-"`
}

// PhoneNumber is a phone number assigned to an external connection.
type PhoneNumber struct {
	// TicketID is the upload that assigned the number, if any.
	TicketID string `json:"ticket_id,omitempty"`
	// TelephoneNumber is in E.164 form; generated when empty.
	TelephoneNumber string `json:"telephone_number"`
	// NumberID is the Telnyx number id, used as phone_number_id in paths; generated when empty.
	NumberID string `json:"number_id"`
	// CivicAddressID and LocationID place the number for emergency calls.
	CivicAddressID string `json:"civic_address_id,omitempty"`
	LocationID     string `json:"location_id,omitempty"`
	// DisplayedCountryCode is the ISO country code Microsoft Teams shows.
	DisplayedCountryCode string `json:"displayed_country_code,omitempty"`
	// AcquiredCapabilities lists what Microsoft Teams may use the number
	// for, such as "InboundCalling".
	AcquiredCapabilities []string `json:"acquired_capabilities"`
}

// Release is a request to release numbers from Microsoft Teams.
type Release struct {
	// TicketID is a UUID; generated when empty.
	TicketID string `json:"ticket_id"`
	// TenantID is the Microsoft tenant the numbers are released from.
	TenantID string `json:"tenant_id,omitempty"`
	// Status defaults to "pending_upload".
	Status string `json:"status"`
	// ErrorMessage explains a failed release.
	ErrorMessage     string          `json:"error_message,omitempty"`
	TelephoneNumbers []ReleaseNumber `json:"telephone_numbers"`
	// CreatedAt defaults to the server's clock.
	CreatedAt time.Time `json:"created_at"`
	// CivicAddressID is only used by filter[civic_address_id][eq].
	CivicAddressID string `json:"-"`
	// LocationID is only used by filter[location_id][eq].
	LocationID string `json:"-"`
}

// ReleaseNumber is one number of a Release.
type ReleaseNumber struct {
	PhoneNumber string `json:"phone_number"`
	NumberID    string `json:"number_id"`
}

// Upload is a request to upload numbers to Microsoft Teams.
type Upload struct {
	// TicketID is a UUID; generated when empty.
	TicketID string `json:"ticket_id"`
	// TenantID is the Microsoft tenant the numbers are uploaded to.
	TenantID string `json:"tenant_id,omitempty"`
	// LocationID is the location assigned to the uploaded numbers.
	LocationID string `json:"location_id,omitempty"`
	// Status defaults to "pending_upload".
	Status string `json:"status"`
	// AvailableUsages lists the Microsoft Teams usages requested for the
	// numbers, such as "calling_user_assignment".
	AvailableUsages []string `json:"available_usages"`
	// ErrorCode and ErrorMessage explain a failed upload.
	ErrorCode    string `json:"error_code,omitempty"`
	ErrorMessage string `json:"error_message,omitempty"`
	// TnUploadEntries holds the state of each number of the upload.
	TnUploadEntries []UploadEntry `json:"tn_upload_entries"`
	// CivicAddressID is the civic address requested when the upload was created.
	CivicAddressID string `json:"-"`
}

// UploadEntry is the state of one number within an Upload.
type UploadEntry struct {
	NumberID    string `json:"number_id"`
	PhoneNumber string `json:"phone_number,omitempty"`
	// Status is the number's state on Microsoft Teams.
	Status string `json:"status"`
	// ErrorCode and ErrorMessage explain why the number failed.
	ErrorCode      string `json:"error_code,omitempty"`
	ErrorMessage   string `json:"error_message,omitempty"`
	CivicAddressID string `json:"civic_address_id,omitempty"`
	LocationID     string `json:"location_id,omitempty"`
	// InternalStatus is the number's state on the Telnyx side.
	InternalStatus string `json:"internal_status,omitempty"`
}

// LogMessage is a log message about an external connection.
type LogMessage struct {
	// ID is a numeric string used in the log message paths; generated when empty.
	ID string `json:"id"`
	// Code defaults to "10015".
	Code string `json:"code"`
	// Title defaults to "Invalid parameter".
	Title string `json:"title"`
	// Detail is the human-readable message.
	Detail string            `json:"detail,omitempty"`
	Source *LogMessageSource `json:"source,omitempty"`
	Meta   LogMessageMeta    `json:"meta"`
}

// LogMessageSource points at the attribute a LogMessage is about.
type LogMessageSource struct {
	// Pointer is a JSON pointer such as "/telephone_number".
	Pointer string `json:"pointer,omitempty"`
}

// LogMessageMeta links a LogMessage to a number, connection or upload.
type LogMessageMeta struct {
	TelephoneNumber      string `json:"telephone_number,omitempty"`
	ExternalConnectionID string `json:"external_connection_id,omitempty"`
	TicketID             string `json:"ticket_id,omitempty"`
}

// Recording is a call recording.
type Recording struct {
	// ID is a UUID; generated when empty.
	ID string `json:"id"`
	// CallControlID identifies the call in the Call Control API.
	CallControlID string `json:"call_control_id,omitempty"`
	// CallLegID and CallSessionID are generated when empty.
	CallLegID     string `json:"call_leg_id,omitempty"`
	CallSessionID string `json:"call_session_id,omitempty"`
	// Channels is "single" or "dual"; defaults to "single".
	Channels string `json:"channels"`
	// ConferenceID is set for recordings of a conference.
	ConferenceID string `json:"conference_id,omitempty"`
	// CreatedAt defaults to the current time.
	CreatedAt time.Time `json:"created_at"`
	// DownloadURLs links to the audio files; defaults to example.com links
	// derived from ID.
	DownloadURLs RecordingDownloadURLs `json:"download_urls"`
	// DurationMillis defaults to 60000.
	DurationMillis int `json:"duration_millis"`
	// RecordType defaults to "recording".
	RecordType string `json:"record_type"`
	// RecordingStartedAt and RecordingEndedAt bound the recorded audio;
	// they default to DurationMillis ending at CreatedAt.
	RecordingStartedAt time.Time `json:"recording_started_at"`
	RecordingEndedAt   time.Time `json:"recording_ended_at"`
	// Source is "call" or "conference"; defaults to "call", or "conference" when ConferenceID is set.
	Source string `json:"source"`
	// Status defaults to "completed".
	Status string `json:"status"`
	// UpdatedAt defaults to CreatedAt.
	UpdatedAt time.Time `json:"updated_at"`
	// From, To, ConnectionID and SIPCallID are only used by the list filters.
	From         string `json:"-"`
	To           string `json:"-"`
	ConnectionID string `json:"-"`
	SIPCallID    string `json:"-"`
}

// RecordingDownloadURLs holds the download links of a Recording.
type RecordingDownloadURLs struct {
	MP3 string `json:"mp3,omitempty"`
	WAV string `json:"wav,omitempty"`
}

// Transcription is a recording transcription.
type Transcription struct {
	// ID is a UUID; generated when empty.
	ID string `json:"id"`
	// RecordingID is the recording the text was made from.
	RecordingID string    `json:"recording_id"`
	CreatedAt   time.Time `json:"created_at"`
	// DurationMillis defaults to 60000.
	DurationMillis int `json:"duration_millis"`
	// RecordType defaults to "recording_transcription".
	RecordType string `json:"record_type"`
	// Status is "in-progress" or "completed"; defaults to "completed".
	Status            string    `json:"status"`
	TranscriptionText string    `json:"transcription_text"`
	UpdatedAt         time.Time `json:"updated_at"`
}
