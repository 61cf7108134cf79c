package telnyxtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/route"
)

type inboundReq struct {
	OutboundVoiceProfileID opt[string] `json:"outbound_voice_profile_id"`
	ChannelLimit           opt[int]    `json:"channel_limit"`
}

type outboundReq struct {
	ChannelLimit           opt[int]    `json:"channel_limit"`
	OutboundVoiceProfileID opt[string] `json:"outbound_voice_profile_id"`
}

type connReq struct {
	Active                  opt[bool]        `json:"active"`
	ExternalSIPConnection   opt[string]      `json:"external_sip_connection"`
	ConnectionName          opt[string]      `json:"connection_name"`
	WebhookEventURL         opt[string]      `json:"webhook_event_url"`
	WebhookEventFailoverURL opt[string]      `json:"webhook_event_failover_url"`
	WebhookTimeoutSecs      opt[int]         `json:"webhook_timeout_secs"`
	Tags                    opt[[]string]    `json:"tags"`
	Inbound                 opt[inboundReq]  `json:"inbound"`
	Outbound                opt[outboundReq] `json:"outbound"`
}

// validateCommon checks the fields shared by create and update.
func (c *call) validateConnCommon(req *connReq) *response {
	if req.WebhookEventURL.given() && req.WebhookEventURL.v != "" && !isURI(req.WebhookEventURL.v) {
		return c.invalidField("/webhook_event_url", "The 'webhook_event_url' parameter must be a valid URI.")
	}
	if req.WebhookEventFailoverURL.given() && req.WebhookEventFailoverURL.v != "" && !isURI(req.WebhookEventFailoverURL.v) {
		return c.invalidField("/webhook_event_failover_url", "The 'webhook_event_failover_url' parameter must be a valid URI.")
	}
	if req.WebhookTimeoutSecs.given() && (req.WebhookTimeoutSecs.v < 0 || req.WebhookTimeoutSecs.v > 30) {
		return c.invalidField("/webhook_timeout_secs", "The 'webhook_timeout_secs' parameter must be between 0 and 30.")
	}
	return nil
}

// applyConn merges the given request fields into conn.
func applyConn(conn *connection, req *connReq) {
	if req.Active.given() {
		conn.Active = req.Active.v
	}
	if req.ConnectionName.set {
		conn.ConnectionName = req.ConnectionName.v
	}
	if req.WebhookEventURL.set {
		conn.WebhookEventURL = req.WebhookEventURL.v
	}
	if req.WebhookEventFailoverURL.set {
		if req.WebhookEventFailoverURL.null {
			conn.WebhookEventFailoverURL = nil
		} else {
			v := req.WebhookEventFailoverURL.v
			conn.WebhookEventFailoverURL = &v
		}
	}
	if req.WebhookTimeoutSecs.set {
		if req.WebhookTimeoutSecs.null {
			conn.WebhookTimeoutSecs = nil
		} else {
			v := req.WebhookTimeoutSecs.v
			conn.WebhookTimeoutSecs = &v
		}
	}
	if req.Tags.set {
		// Tags are replaced as a whole; null clears them.
		conn.Tags = append([]string{}, req.Tags.v...)
	}
	if req.Inbound.given() {
		in := req.Inbound.v
		if in.ChannelLimit.set {
			conn.Inbound.ChannelLimit = optIntPtr(in.ChannelLimit)
		}
	}
	if req.Outbound.given() {
		out := req.Outbound.v
		if out.ChannelLimit.set {
			conn.Outbound.ChannelLimit = optIntPtr(out.ChannelLimit)
		}
		if out.OutboundVoiceProfileID.set {
			conn.Outbound.OutboundVoiceProfileID = out.OutboundVoiceProfileID.v
		}
	}
}

func optIntPtr(o opt[int]) *int {
	if !o.given() {
		return nil
	}
	v := o.v
	return &v
}

func connJSON(conn *connection) map[string]any {
	return map[string]any{"data": conn}
}

// connectionFilter holds the filters of the external connection list; an
// empty one does not filter.
type connectionFilter struct {
	sip, name, id, created, phone string
}

// keeps reports whether the connection of cd passes every filter.
func (f connectionFilter) keeps(cd *connData) bool {
	conn := cd.conn
	switch {
	case f.sip != "" && conn.ExternalSIPConnection != f.sip,
		f.name != "" && !containsFold(conn.ConnectionName, f.name),
		f.id != "" && conn.ID != f.id,
		f.created != "" && conn.CreatedAt.UTC().Format(time.DateOnly) != f.created:
		return false
	}
	return f.phone == "" || slices.ContainsFunc(cd.numbers.list(), func(n *phoneNumber) bool { return n.TelephoneNumber == f.phone })
}

func (s *Server) listExternalConnections(c *call) *response {
	number, size, resp := c.page(defaultPageSizeExternal)
	if resp != nil {
		return resp
	}
	sip := c.value("filter[external_sip_connection]")
	if sip != "" && !oneOf(sip, "zoom", "operator_connect") {
		return c.invalidParam("filter[external_sip_connection]", "The 'filter[external_sip_connection]' parameter must be one of: zoom, operator_connect.")
	}
	name := c.value("filter[connection_name][contains]")
	if name != "" && len([]rune(name)) < 3 {
		return c.invalidParam("filter[connection_name][contains]", "The 'filter[connection_name][contains]' parameter needs at least three characters.")
	}
	f := connectionFilter{sip: sip, name: name, id: c.value("filter[id]"), created: c.value("filter[created_at]")}
	if _, err := time.Parse(time.DateOnly, f.created); f.created != "" && err != nil {
		return c.invalidParam("filter[created_at]", "The 'filter[created_at]' parameter must be a date in the form YYYY-MM-DD.")
	}
	// Despite its name, the API matches the whole E.164 number.
	f.phone = c.value("filter[phone_number][contains]")
	all := filterList(s.st.connections.list(), f.keeps)
	page, meta := paginate(all, number, size)
	data := make([]*connection, len(page))
	for i, cd := range page {
		data[i] = cd.conn
	}
	return jsonResponse(http.StatusOK, map[string]any{"data": data, "meta": meta})
}

func (s *Server) createExternalConnection(c *call) *response {
	var req connReq
	if resp := c.decode(&req); resp != nil {
		return resp
	}
	if !req.ExternalSIPConnection.given() {
		return c.missing("/external_sip_connection")
	}
	if req.ExternalSIPConnection.v != "zoom" {
		return c.invalidField("/external_sip_connection", "The 'external_sip_connection' parameter must be one of: zoom.")
	}
	if !req.Outbound.given() {
		return c.missing("/outbound")
	}
	if req.Inbound.given() && !req.Inbound.v.OutboundVoiceProfileID.given() {
		return c.missing("/inbound/outbound_voice_profile_id")
	}
	if resp := c.validateConnCommon(&req); resp != nil {
		return resp
	}
	now := c.now.Truncate(time.Second)
	conn := &connection{ID: s.st.intID(), Active: true, ExternalSIPConnection: "zoom"}
	fillConnectionDefaults(conn, now)
	applyConn(conn, &req)
	s.st.connections.put(conn.ID, newConnData(conn))
	return jsonResponse(http.StatusCreated, connJSON(conn))
}

// conn looks up the connection named by the {id} path parameter.
func (s *Server) conn(c *call) (*connData, *response) {
	cd, ok := s.st.connections.get(c.params["id"])
	if !ok {
		return nil, c.notFound("External connection " + quote(c.params["id"]))
	}
	return cd, nil
}

func quote(s string) string { return "'" + s + "'" }

func (s *Server) getExternalConnection(c *call) *response {
	cd, resp := s.conn(c)
	if resp != nil {
		return resp
	}
	return jsonResponse(http.StatusOK, connJSON(cd.conn))
}

func (s *Server) updateExternalConnection(c *call) *response {
	cd, resp := s.conn(c)
	if resp != nil {
		return resp
	}
	var req connReq
	if resp := c.decode(&req); resp != nil {
		return resp
	}
	if !req.Outbound.given() {
		return c.missing("/outbound")
	}
	if !req.Outbound.v.OutboundVoiceProfileID.given() {
		return c.missing("/outbound/outbound_voice_profile_id")
	}
	if resp := c.validateConnCommon(&req); resp != nil {
		return resp
	}
	applyConn(cd.conn, &req)
	cd.conn.UpdatedAt = c.now.Truncate(time.Second)
	return jsonResponse(http.StatusOK, connJSON(cd.conn))
}

func (s *Server) deleteExternalConnection(c *call) *response {
	cd, resp := s.conn(c)
	if resp != nil {
		return resp
	}
	switch {
	case cd.conn.ExternalSIPConnection == "operator_connect":
		return c.status(c.invalid, "Operator Connect connections cannot be deleted through the API; contact Telnyx support to remove the integration.")
	case cd.conn.Active:
		return c.status(c.invalid, "The connection is active; deactivate it (PATCH with \"active\": false) before deleting it.")
	case len(cd.numbers.keys) > 0:
		return c.status(c.invalid, "The connection is in use by "+itoa(len(cd.numbers.keys))+" phone number(s); move them to another connection before deleting it.")
	}
	s.st.connections.del(cd.conn.ID)
	return jsonResponse(http.StatusOK, connJSON(cd.conn))
}

// Civic addresses and locations.

func (s *Server) listCivicAddresses(c *call) *response {
	cd, resp := s.conn(c)
	if resp != nil {
		return resp
	}
	countries := c.splitValues("filter[country]")
	data := filterList(cd.addresses.list(), func(a *civicAddress) bool {
		if len(countries) == 0 {
			return true
		}
		for _, ctry := range countries {
			if strings.EqualFold(a.Country, ctry) || strings.EqualFold(a.CountryOrDistrict, ctry) {
				return true
			}
		}
		return false
	})
	return jsonResponse(http.StatusOK, map[string]any{"data": data})
}

func (s *Server) getCivicAddress(c *call) *response {
	cd, resp := s.conn(c)
	if resp != nil {
		return resp
	}
	id := c.params["address_id"]
	for _, a := range cd.addresses.list() {
		if a.ID == id {
			return jsonResponse(http.StatusOK, map[string]any{"data": a})
		}
		for _, l := range a.Locations {
			if l.ID == id {
				return jsonResponse(http.StatusOK, map[string]any{"data": a})
			}
		}
	}
	return c.notFound("Civic address " + quote(id))
}

// findLocation returns the address and index of location id within cd.
func findLocation(cd *connData, id string) (*civicAddress, int) {
	for _, a := range cd.addresses.list() {
		for i := range a.Locations {
			if a.Locations[i].ID == id {
				return a, i
			}
		}
	}
	return nil, -1
}

func (s *Server) updateLocation(c *call) *response {
	cd, resp := s.conn(c)
	if resp != nil {
		return resp
	}
	id := c.params["location_id"]
	addr, idx := findLocation(cd, id)
	if addr == nil {
		return c.notFound("Location " + quote(id))
	}
	var req struct {
		StaticEmergencyAddressID opt[string] `json:"static_emergency_address_id"`
	}
	if resp := c.decode(&req); resp != nil {
		return resp
	}
	if !req.StaticEmergencyAddressID.given() || req.StaticEmergencyAddressID.v == "" {
		return c.missing("/static_emergency_address_id")
	}
	if !route.IsUUID(req.StaticEmergencyAddressID.v) {
		return c.invalidField("/static_emergency_address_id", "The 'static_emergency_address_id' parameter must be a UUID.")
	}
	if prev := addr.Locations[idx].StaticEmergencyAddressID; prev != "" {
		return c.status(c.invalid, "The location already has an accepted emergency address ("+quote(prev)+").")
	}
	addr.Locations[idx].StaticEmergencyAddressID = req.StaticEmergencyAddressID.v
	status := http.StatusOK
	for _, n := range cd.numbers.list() {
		if n.LocationID == id {
			status = http.StatusAccepted
			break
		}
	}
	return jsonResponse(status, map[string]any{"data": map[string]any{
		"location_id":                  id,
		"static_emergency_address_id":  req.StaticEmergencyAddressID.v,
		"accepted_address_suggestions": false,
	}})
}

// Phone numbers.

func (s *Server) listPhoneNumbers(c *call) *response {
	cd, resp := s.conn(c)
	if resp != nil {
		return resp
	}
	number, size, resp := c.page(defaultPageSizeExternal)
	if resp != nil {
		return resp
	}
	eq := c.value("filter[phone_number][eq]")
	contains := c.value("filter[phone_number][contains]")
	addr := c.value("filter[civic_address_id][eq]")
	loc := c.value("filter[location_id][eq]")
	all := filterList(cd.numbers.list(), func(n *phoneNumber) bool {
		return (eq == "" || n.TelephoneNumber == eq) &&
			(contains == "" || strings.Contains(n.TelephoneNumber, contains)) &&
			(addr == "" || n.CivicAddressID == addr) &&
			(loc == "" || n.LocationID == loc)
	})
	page, meta := paginate(all, number, size)
	return jsonResponse(http.StatusOK, map[string]any{"data": page, "meta": meta})
}

func findNumber(cd *connData, id string) *phoneNumber {
	if n, ok := cd.numbers.get(id); ok {
		return n
	}
	for _, n := range cd.numbers.list() {
		if n.TelephoneNumber == id {
			return n
		}
	}
	return nil
}

// phoneNumber looks up the connection and phone number named by the path.
func (s *Server) phoneNumber(c *call) (*connData, *phoneNumber, *response) {
	cd, resp := s.conn(c)
	if resp != nil {
		return nil, nil, resp
	}
	n := findNumber(cd, c.params["phone_number_id"])
	if n == nil {
		return nil, nil, c.notFound("Phone number " + quote(c.params["phone_number_id"]))
	}
	return cd, n, nil
}

func (s *Server) getPhoneNumber(c *call) *response {
	_, n, resp := s.phoneNumber(c)
	if resp != nil {
		return resp
	}
	return jsonResponse(http.StatusOK, map[string]any{"data": n})
}

func (s *Server) updatePhoneNumber(c *call) *response {
	cd, n, resp := s.phoneNumber(c)
	if resp != nil {
		return resp
	}
	var req struct {
		LocationID opt[string] `json:"location_id"`
	}
	if resp := c.decode(&req); resp != nil {
		return resp
	}
	if req.LocationID.given() {
		loc := req.LocationID.v
		addr, _ := findLocation(cd, loc)
		if addr == nil && !route.IsUUID(loc) {
			return c.invalidField("/location_id", "The 'location_id' parameter must be a UUID.")
		}
		n.LocationID = loc
		if addr != nil {
			n.CivicAddressID = addr.ID
		}
	}
	return jsonResponse(http.StatusOK, map[string]any{"data": n})
}

// Releases.

var releaseStatuses = []string{"pending_upload", "pending", "in_progress", "complete", "failed", "expired", "unknown"}

// ticketFilter holds the paging and filters that the release and upload
// lists share.
type ticketFilter struct {
	number, size int
	statuses     []string
	// addr, loc, eq and contains filter by civic address id, location id
	// and phone number.
	addr, loc, eq, contains string
}

// parseTicketFilter reads the paging and filters of a release or upload list;
// allowed lists the statuses that filter[status][eq] may name.
func (c *call) parseTicketFilter(allowed []string) (ticketFilter, *response) {
	var f ticketFilter
	var resp *response
	if f.number, f.size, resp = c.page(defaultPageSizeExternal); resp != nil {
		return f, resp
	}
	key := "filter[status][eq]"
	f.statuses = c.splitValues(key)
	for _, v := range f.statuses {
		if !oneOf(v, allowed...) {
			return f, c.invalidParam(key, "The '"+key+"' parameter must only contain: "+strings.Join(allowed, ", ")+".")
		}
	}
	f.addr = c.value("filter[civic_address_id][eq]")
	f.loc = c.value("filter[location_id][eq]")
	f.eq = c.value("filter[phone_number][eq]")
	f.contains = c.value("filter[phone_number][contains]")
	return f, nil
}

// allows reports whether an item with status passes the status filter.
func (f ticketFilter) allows(status string) bool {
	return len(f.statuses) == 0 || oneOf(status, f.statuses...)
}

func (s *Server) listReleases(c *call) *response {
	cd, resp := s.conn(c)
	if resp != nil {
		return resp
	}
	f, resp := c.parseTicketFilter(releaseStatuses)
	if resp != nil {
		return resp
	}
	all := filterList(cd.releases.list(), func(r *release) bool {
		if !f.allows(r.Status) {
			return false
		}
		if f.addr != "" && r.CivicAddressID != f.addr || f.loc != "" && r.LocationID != f.loc {
			return false
		}
		if f.eq == "" && f.contains == "" {
			return true
		}
		for _, tn := range r.TelephoneNumbers {
			if (f.eq == "" || tn.PhoneNumber == f.eq) && (f.contains == "" || strings.Contains(tn.PhoneNumber, f.contains)) {
				return true
			}
		}
		return false
	})
	page, meta := paginate(all, f.number, f.size)
	return jsonResponse(http.StatusOK, map[string]any{"data": page, "meta": meta})
}

func (s *Server) getRelease(c *call) *response {
	cd, resp := s.conn(c)
	if resp != nil {
		return resp
	}
	r, ok := cd.releases.get(c.params["release_id"])
	if !ok {
		return c.notFound("Release " + quote(c.params["release_id"]))
	}
	return jsonResponse(http.StatusOK, map[string]any{"data": r})
}

// Uploads.

var (
	uploadFilterStatuses = []string{"pending_upload", "pending", "in_progress", "success", "error"}
	uploadUsages         = []string{"calling_user_assignment", "first_party_app_assignment"}
)

func uploadPending(u *uploadItem) bool {
	return oneOf(u.Status, "pending_upload", "pending", "in_progress")
}

// keepsUpload reports whether upload u passes the filters: its status,
// and a civic address, location or phone number that u or one of its
// entries has.
func (f ticketFilter) keepsUpload(u *uploadItem) bool {
	if !f.allows(u.Status) {
		return false
	}
	anyEntry := func(pred func(uploadEntry) bool) bool {
		return slices.ContainsFunc(u.TnUploadEntries, pred)
	}
	switch {
	case f.addr != "" && u.CivicAddressID != f.addr && !anyEntry(func(e uploadEntry) bool { return e.CivicAddressID == f.addr }):
		return false
	case f.loc != "" && u.LocationID != f.loc && !anyEntry(func(e uploadEntry) bool { return e.LocationID == f.loc }):
		return false
	case f.eq != "" && !anyEntry(func(e uploadEntry) bool { return e.PhoneNumber == f.eq }):
		return false
	case f.contains != "" && !anyEntry(func(e uploadEntry) bool { return strings.Contains(e.PhoneNumber, f.contains) }):
		return false
	}
	return true
}

func (s *Server) listUploads(c *call) *response {
	cd, resp := s.conn(c)
	if resp != nil {
		return resp
	}
	f, resp := c.parseTicketFilter(uploadFilterStatuses)
	if resp != nil {
		return resp
	}
	all := filterList(cd.uploads.list(), f.keepsUpload)
	page, meta := paginate(all, f.number, f.size)
	return jsonResponse(http.StatusOK, map[string]any{"data": page, "meta": meta})
}

// uploadUsages checks the usage and additional_usages of an upload and
// returns them as one list, without repeats, usage first.
func (c *call) uploadUsages(usage opt[string], additional []string) ([]string, *response) {
	usages := []string{}
	if usage.given() {
		if !oneOf(usage.v, uploadUsages...) {
			return nil, c.invalidField("/usage", "The 'usage' parameter must be one of: "+strings.Join(uploadUsages, ", ")+".")
		}
		usages = append(usages, usage.v)
	}
	for i, u := range additional {
		if !oneOf(u, uploadUsages...) {
			return nil, c.invalidField("/additional_usages/"+itoa(i), "The 'additional_usages' items must be one of: "+strings.Join(uploadUsages, ", ")+".")
		}
		if !oneOf(u, usages...) {
			usages = append(usages, u)
		}
	}
	return usages, nil
}

// uploadPlace checks the location_id or civic_address_id of an upload (at
// most one may be given) and completes the other from the connection's
// addresses when it knows the one given.
func (c *call) uploadPlace(cd *connData, locID, addrID string) (string, string, *response) {
	switch {
	case locID != "" && addrID != "":
		return "", "", c.invalidField("/civic_address_id", "Only one of 'civic_address_id' or 'location_id' may be given.")
	case locID != "":
		if addr, _ := findLocation(cd, locID); addr != nil {
			addrID = addr.ID
		} else if !route.IsUUID(locID) {
			return "", "", c.invalidField("/location_id", "The 'location_id' parameter must be a UUID.")
		}
	case addrID != "":
		if a, ok := findAddress(cd, addrID); ok {
			locID = a.DefaultLocationID
		} else if !route.IsUUID(addrID) {
			return "", "", c.invalidField("/civic_address_id", "The 'civic_address_id' parameter must be a UUID.")
		}
	}
	return locID, addrID, nil
}

func (s *Server) createUpload(c *call) *response {
	cd, resp := s.conn(c)
	if resp != nil {
		return resp
	}
	var req struct {
		NumberIDs        opt[[]json.RawMessage] `json:"number_ids"`
		Usage            opt[string]            `json:"usage"`
		AdditionalUsages opt[[]string]          `json:"additional_usages"`
		LocationID       opt[string]            `json:"location_id"`
		CivicAddressID   opt[string]            `json:"civic_address_id"`
	}
	if resp := c.decode(&req); resp != nil {
		return resp
	}
	if !req.NumberIDs.given() || len(req.NumberIDs.v) == 0 {
		return c.missing("/number_ids")
	}
	if len(req.NumberIDs.v) > 1000 {
		return errorResponse(c.family, http.StatusRequestEntityTooLarge, "At most 1000 number_ids are allowed.", &errSource{Pointer: "/number_ids"})
	}
	numberIDs, resp := c.stringItems("/number_ids", req.NumberIDs.v)
	if resp != nil {
		return resp
	}
	usages, resp := c.uploadUsages(req.Usage, req.AdditionalUsages.v)
	if resp != nil {
		return resp
	}
	locID, addrID, resp := c.uploadPlace(cd, req.LocationID.v, req.CivicAddressID.v)
	if resp != nil {
		return resp
	}
	u := &uploadItem{
		TicketID:        newUUID(),
		TenantID:        s.tenantID(),
		LocationID:      locID,
		Status:          "pending_upload",
		AvailableUsages: usages,
		CivicAddressID:  addrID,
	}
	for _, id := range numberIDs {
		e := uploadEntry{NumberID: id, Status: "pending_upload", CivicAddressID: addrID, LocationID: locID, InternalStatus: "pending_assignment"}
		if n := findNumber(cd, id); n != nil {
			e.PhoneNumber = n.TelephoneNumber
		}
		u.TnUploadEntries = append(u.TnUploadEntries, e)
	}
	cd.uploads.put(u.TicketID, u)
	return jsonResponse(http.StatusAccepted, map[string]any{"success": true, "ticket_id": u.TicketID})
}

func findAddress(cd *connData, id string) (*civicAddress, bool) {
	for _, a := range cd.addresses.list() {
		if a.ID == id {
			return a, true
		}
	}
	return nil, false
}

// tenantID returns the fake's Microsoft tenant id.
func (s *Server) tenantID() string {
	if s.st.tenant == "" {
		s.st.tenant = newUUID()
	}
	return s.st.tenant
}

// completeUpload moves u to the success state and assigns its numbers to the connection.
func (s *Server) completeUpload(cd *connData, u *uploadItem) {
	u.Status = "success"
	u.ErrorCode, u.ErrorMessage = "", ""
	caps := []string{"InboundCalling", "OutboundCalling"}
	for _, us := range u.AvailableUsages {
		switch us {
		case "first_party_app_assignment":
			caps = append(caps, "FirstPartyAppAssignment")
		case "calling_user_assignment":
			caps = append(caps, "UserAssignment")
		}
	}
	for i := range u.TnUploadEntries {
		e := &u.TnUploadEntries[i]
		e.Status = "success"
		e.ErrorCode, e.ErrorMessage = "", ""
		e.InternalStatus = "all_internal_jobs_completed"
		if e.PhoneNumber == "" {
			e.PhoneNumber = s.phoneFor(e.NumberID)
		}
		if findNumber(cd, e.NumberID) == nil {
			cd.numbers.put(e.NumberID, &phoneNumber{
				TicketID:             u.TicketID,
				TelephoneNumber:      e.PhoneNumber,
				NumberID:             e.NumberID,
				CivicAddressID:       e.CivicAddressID,
				LocationID:           e.LocationID,
				DisplayedCountryCode: "US",
				AcquiredCapabilities: append([]string(nil), caps...),
			})
		}
	}
}

// phoneFor derives a stable E.164 number from a number id.
func (s *Server) phoneFor(numberID string) string {
	digits := make([]byte, 0, 7)
	for i := len(numberID) - 1; i >= 0 && len(digits) < 7; i-- {
		if ch := numberID[i]; ch >= '0' && ch <= '9' {
			digits = append([]byte{ch}, digits...)
		}
	}
	for len(digits) < 7 {
		digits = append([]byte{'0'}, digits...)
	}
	return "+1312" + string(digits)
}

// uploadRefreshTime is how long, by the server's clock, a refresh of a
// connection's uploads counts as in progress: another refresh of the same
// connection within it answers 409, as the API does.
const uploadRefreshTime = time.Minute

func (s *Server) refreshUploads(c *call) *response {
	cd, resp := s.conn(c)
	if resp != nil {
		return resp
	}
	if !cd.refreshedAt.IsZero() && c.now.Before(cd.refreshedAt.Add(uploadRefreshTime)) {
		return c.status(http.StatusConflict, "A status refresh of this connection's uploads is still in progress; wait before calling again.")
	}
	cd.refreshedAt = c.now
	for _, u := range cd.uploads.list() {
		if uploadPending(u) {
			s.completeUpload(cd, u)
		}
	}
	return jsonResponse(http.StatusOK, map[string]any{"success": true})
}

func (s *Server) uploadsStatus(c *call) *response {
	cd, resp := s.conn(c)
	if resp != nil {
		return resp
	}
	orders, numbers := 0, 0
	for _, u := range cd.uploads.list() {
		if uploadPending(u) {
			orders++
			numbers += len(u.TnUploadEntries)
		}
	}
	return jsonResponse(http.StatusOK, map[string]any{"data": map[string]any{
		"pending_numbers_count": numbers,
		"pending_orders_count":  orders,
	}})
}

// upload looks up the connection and upload named by the path.
func (s *Server) upload(c *call) (*connData, *uploadItem, *response) {
	cd, resp := s.conn(c)
	if resp != nil {
		return nil, nil, resp
	}
	u, ok := cd.uploads.get(c.params["ticket_id"])
	if !ok {
		return nil, nil, c.notFound("Upload " + quote(c.params["ticket_id"]))
	}
	return cd, u, nil
}

func (s *Server) getUpload(c *call) *response {
	_, u, resp := s.upload(c)
	if resp != nil {
		return resp
	}
	return jsonResponse(http.StatusOK, map[string]any{"data": u})
}

func (s *Server) retryUpload(c *call) *response {
	cd, u, resp := s.upload(c)
	if resp != nil {
		return resp
	}
	switch {
	case uploadPending(u):
		return c.status(http.StatusConflict, "The upload is still in progress ("+u.Status+"); wait before retrying it.")
	case u.Status == "success":
		return c.status(c.invalid, "The upload succeeded; there is nothing to retry.")
	}
	s.completeUpload(cd, u)
	return jsonResponse(http.StatusAccepted, map[string]any{"data": u})
}

// Log messages.

func (s *Server) listLogMessages(c *call) *response {
	number, size, resp := c.page(defaultPageSizeExternal)
	if resp != nil {
		return resp
	}
	conn := c.value("filter[external_connection_id]")
	eq := c.value("filter[telephone_number][eq]")
	contains := c.value("filter[telephone_number][contains]")
	if digits := strings.TrimPrefix(contains, "+"); contains != "" && (len(digits) < 3 || len(digits) > 15 || strings.Trim(digits, "0123456789") != "") {
		return c.invalidParam("filter[telephone_number][contains]", "The 'filter[telephone_number][contains]' parameter must be 3 to 15 digits.")
	}
	// "null" asks for the messages without a connection or a number.
	matches := func(filter, v string) bool {
		return filter == "" || filter == v || filter == "null" && v == ""
	}
	all := filterList(s.st.logMessages.list(), func(m *logMessage) bool {
		return matches(conn, m.Meta.ExternalConnectionID) &&
			matches(eq, m.Meta.TelephoneNumber) &&
			(contains == "" || strings.Contains(m.Meta.TelephoneNumber, contains))
	})
	page, meta := paginate(all, number, size)
	return jsonResponse(http.StatusOK, map[string]any{"log_messages": page, "meta": meta})
}

// logMessageResource serves getting a log message, which comes as a list of one.
var logMessageResource = keyed[*logMessage]{
	store:  func(st *state) *ordered[*logMessage] { return st.logMessages },
	param:  "id",
	noun:   "Log message",
	toJSON: func(m *logMessage) map[string]any { return map[string]any{"log_messages": []*logMessage{m}} },
}

func (s *Server) deleteLogMessage(c *call) *response {
	if !s.st.logMessages.del(c.params["id"]) {
		return c.notFound("Log message " + quote(c.params["id"]))
	}
	return jsonResponse(http.StatusOK, map[string]any{"success": true})
}

// Operator Connect.

func (s *Server) operatorConnectRefresh(c *call) *response {
	return jsonResponse(http.StatusOK, map[string]any{
		"success": true,
		"message": "Operator Connect refresh requested.",
	})
}
