package telnyxtest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	ec "github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
)

// The Seed methods add data the API offers no way to create. They take the
// SDK's own types, so a test seeds exactly what it later reads back; zero
// fields get sensible defaults (ids, timestamps, record types, statuses),
// and each method returns the item as stored. Seeding an item whose id
// already exists replaces it. Seeding below a connection id that does not
// exist creates a default, active Zoom connection with that id.
//
// A few things the fake needs are not fields of the SDK's types, because
// the API filters by them without returning them: SeedOption values carry
// them. A Seed method panics when given an option that is not for it.

// SeedOption adds to a seeded item what its SDK type has no field for.
type SeedOption func(*seedExtras)

type seedExtras struct {
	given                       []string // names of the options given
	id                          string
	conferenceRegion, sipCallID string
	civicAddressID, locationID  string
	emergency                   map[string]string // location id -> address id
}

func (x *seedExtras) mark(name string) { x.given = append(x.given, name) }

// extras applies opts and panics if one is not among allowed.
func extras(method string, opts []SeedOption, allowed ...string) *seedExtras {
	x := &seedExtras{}
	for _, o := range opts {
		if o != nil {
			o(x)
		}
	}
	for _, name := range x.given {
		if !slices.Contains(allowed, name) {
			panic(fmt.Sprintf("telnyxtest: %s does not take %s", method, name))
		}
	}
	return x
}

// WithLogMessageID sets the id of a seeded log message, the one its paths
// take; by default a numeric id is generated.
func WithLogMessageID(id string) SeedOption {
	return func(x *seedExtras) { x.mark("WithLogMessageID"); x.id = id }
}

// WithConferenceRegion sets the region of the conference a seeded
// recording was made in, which filter[conference_region] matches; the
// API's answer does not carry it.
func WithConferenceRegion(region string) SeedOption {
	return func(x *seedExtras) { x.mark("WithConferenceRegion"); x.conferenceRegion = region }
}

// WithSIPCallID sets the SIP Call-ID of a seeded recording, which
// filter[sip_call_id] matches.
func WithSIPCallID(id string) SeedOption {
	return func(x *seedExtras) { x.mark("WithSIPCallID"); x.sipCallID = id }
}

// WithPlace sets the civic address and location a seeded release or upload
// concerns, which their filter[civic_address_id][eq] and
// filter[location_id][eq] match. An upload's own LocationID, when set, wins.
func WithPlace(civicAddressID, locationID string) SeedOption {
	return func(x *seedExtras) { x.mark("WithPlace"); x.civicAddressID, x.locationID = civicAddressID, locationID }
}

// WithEmergencyAddress gives a location of a seeded civic address an
// accepted static emergency address, so that updateLocation refuses to
// change it (422), as the API does. It may be given once per location.
func WithEmergencyAddress(locationID, emergencyAddressID string) SeedOption {
	return func(x *seedExtras) {
		x.mark("WithEmergencyAddress")
		if x.emergency == nil {
			x.emergency = map[string]string{}
		}
		x.emergency[locationID] = emergencyAddressID
	}
}

// convert copies v into a T through their shared JSON form: the SDK's
// types and the fake's records spell every field as the API does.
func convert[T any](v any) T {
	var out T
	b, err := json.Marshal(v)
	if err == nil {
		err = json.Unmarshal(b, &out)
	}
	if err != nil {
		panic(fmt.Sprintf("telnyxtest: converting %T to %T: %v", v, out, err))
	}
	return out
}

// SeedExternalConnection stores an external connection, for example an
// Operator Connect one, which the API cannot create. Defaults: a generated
// numeric ID, RecordType "external_connection", ExternalSIPConnection
// "zoom", WebhookAPIVersion "1", CreatedAt the server's clock, UpdatedAt
// CreatedAt. Active is taken as given: false is inactive.
//
// The paths that take a connection id want a numeric one, as the spec
// declares; updateLocation, whose spec declares a UUID, takes both.
func (s *Server) SeedExternalConnection(conn ec.Connection, opts ...SeedOption) ec.Connection {
	extras("SeedExternalConnection", opts)
	c := convert[connection](conn)
	s.mu.Lock()
	defer s.mu.Unlock()
	return convert[ec.Connection](s.seedConnection(c))
}

// SeedCivicAddress stores a civic address with its locations below an
// external connection. Defaults: generated UUIDs for the address and its
// locations, RecordType "civic_address", Country "US", CountryOrDistrict
// Country; the first location is the default when none is marked, and
// DefaultLocationID names the default. It takes WithEmergencyAddress.
func (s *Server) SeedCivicAddress(connectionID string, addr ec.CivicAddress, opts ...SeedOption) ec.CivicAddress {
	x := extras("SeedCivicAddress", opts, "WithEmergencyAddress")
	a := convert[civicAddress](addr)
	if err := a.applyEmergency(x.emergency); err != nil {
		panic("telnyxtest: SeedCivicAddress: " + err.Error())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return convert[ec.CivicAddress](s.seedAddress(connectionID, a))
}

// SeedPhoneNumber stores a phone number below an external connection.
// Defaults: a generated NumberID (the phone_number_id of its paths), a
// TelephoneNumber derived from it, DisplayedCountryCode "US",
// AcquiredCapabilities InboundCalling and OutboundCalling, and
// CivicAddressID the address holding LocationID.
func (s *Server) SeedPhoneNumber(connectionID string, num ec.PhoneNumber, opts ...SeedOption) ec.PhoneNumber {
	extras("SeedPhoneNumber", opts)
	n := convert[phoneNumber](num)
	s.mu.Lock()
	defer s.mu.Unlock()
	return convert[ec.PhoneNumber](s.seedNumber(connectionID, n))
}

// SeedRelease stores a release request below an external connection.
// Defaults: a generated TicketID, the fake's TenantID, Status
// "pending_upload", CreatedAt the server's clock. It takes WithPlace.
func (s *Server) SeedRelease(connectionID string, rel ec.Release, opts ...SeedOption) ec.Release {
	x := extras("SeedRelease", opts, "WithPlace")
	r := convert[release](rel)
	r.CivicAddressID, r.LocationID = x.civicAddressID, x.locationID
	s.mu.Lock()
	defer s.mu.Unlock()
	return convert[ec.Release](s.seedRelease(connectionID, r))
}

// SeedUpload stores an upload request below an external connection, for
// example one in the "error" state to exercise RetryUpload. Defaults: a
// generated TicketID, the fake's TenantID, Status "pending_upload"; each
// entry gets a generated NumberID, the upload's status and LocationID. It
// takes WithPlace.
func (s *Server) SeedUpload(connectionID string, up ec.Upload, opts ...SeedOption) ec.Upload {
	x := extras("SeedUpload", opts, "WithPlace")
	u := convert[uploadItem](up)
	u.CivicAddressID = x.civicAddressID
	u.LocationID = cmp.Or(u.LocationID, x.locationID)
	s.mu.Lock()
	defer s.mu.Unlock()
	return convert[ec.Upload](s.seedUpload(connectionID, u))
}

// SeedLogMessage stores a log message and returns its id, the one
// GetExternalConnectionLogMessage and DeleteExternalConnectionLogMessage
// take. Defaults: a generated numeric id (WithLogMessageID sets one), Code
// "10015", Title "Invalid parameter".
func (s *Server) SeedLogMessage(msg ec.LogMessage, opts ...SeedOption) string {
	x := extras("SeedLogMessage", opts, "WithLogMessageID")
	m := convert[logMessage](msg)
	m.ID = x.id
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seedLogMessage(m).ID
}

// The seed* methods below store a record, filling its defaults, and
// return it; s.mu must be held.

func (s *Server) seedConnection(c connection) connection {
	if c.ID == "" {
		c.ID = s.st.intID()
	}
	fillConnectionDefaults(&c, s.now().Truncate(time.Second))
	if cd, ok := s.st.connections.get(c.ID); ok {
		*cd.conn = c
	} else {
		s.st.connections.put(c.ID, newConnData(&c))
	}
	return c
}

// applyEmergency records the accepted emergency address of locations.
func (a *civicAddress) applyEmergency(byLocation map[string]string) error {
	for id, addr := range byLocation {
		i := slices.IndexFunc(a.Locations, func(l location) bool { return l.ID == id })
		if i < 0 {
			return fmt.Errorf("the address has no location %q for its emergency address", id)
		}
		a.Locations[i].StaticEmergencyAddressID = addr
	}
	return nil
}

func (s *Server) seedAddress(connectionID string, a civicAddress) civicAddress {
	if a.ID == "" {
		a.ID = newUUID()
	}
	a.RecordType = cmp.Or(a.RecordType, "civic_address")
	a.Country = cmp.Or(a.Country, "US")
	a.CountryOrDistrict = cmp.Or(a.CountryOrDistrict, a.Country)
	if a.Locations == nil {
		a.Locations = []location{}
	}
	def := -1
	for i := range a.Locations {
		if a.Locations[i].ID == "" {
			a.Locations[i].ID = newUUID()
		}
		if a.Locations[i].IsDefault && def < 0 {
			def = i
		}
	}
	if def < 0 && len(a.Locations) > 0 {
		def = 0
		a.Locations[0].IsDefault = true
	}
	if def >= 0 && a.DefaultLocationID == "" {
		a.DefaultLocationID = a.Locations[def].ID
	}
	s.ensureConnection(connectionID).addresses.put(a.ID, &a)
	return a
}

func (s *Server) seedNumber(connectionID string, n phoneNumber) phoneNumber {
	cd := s.ensureConnection(connectionID)
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
	return n
}

func (s *Server) seedRelease(connectionID string, r release) release {
	cd := s.ensureConnection(connectionID)
	if r.TicketID == "" {
		r.TicketID = newUUID()
	}
	if r.TenantID == "" {
		r.TenantID = s.tenantID()
	}
	r.Status = cmp.Or(r.Status, "pending_upload")
	if r.TelephoneNumbers == nil {
		r.TelephoneNumbers = []releaseNumber{}
	}
	if r.CreatedAt.IsZero() {
		r.CreatedAt = s.now().Truncate(time.Millisecond)
	}
	cd.releases.put(r.TicketID, &r)
	return r
}

func (s *Server) seedUpload(connectionID string, u uploadItem) uploadItem {
	cd := s.ensureConnection(connectionID)
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
		u.TnUploadEntries = []uploadEntry{}
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
	return u
}

func (s *Server) seedLogMessage(m logMessage) logMessage {
	if m.ID == "" {
		m.ID = s.st.intID()
	}
	if m.Source != nil && m.Source.Pointer == "" {
		m.Source = nil
	}
	m.Code = cmp.Or(m.Code, "10015")
	m.Title = cmp.Or(m.Title, "Invalid parameter")
	s.st.logMessages.put(m.ID, &m)
	return m
}

func fillConnectionDefaults(c *connection, now time.Time) {
	c.RecordType = cmp.Or(c.RecordType, "external_connection")
	c.ExternalSIPConnection = cmp.Or(c.ExternalSIPConnection, "zoom")
	c.WebhookAPIVersion = cmp.Or(c.WebhookAPIVersion, "1")
	if c.Tags == nil {
		c.Tags = []string{}
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = now
	}
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = c.CreatedAt
	}
}
