package telnyxtest_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	ec "github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func createConn(a *api, extra map[string]any) map[string]any {
	a.t.Helper()
	body := map[string]any{
		"external_sip_connection": "zoom",
		"outbound":                map[string]any{"outbound_voice_profile_id": "1911630617284445511"},
	}
	for k, v := range extra {
		body[k] = v
	}
	return data(a.t, a.must(http.StatusCreated, "POST", "/external_connections", body))
}

func TestExternalConnectionLifecycle(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	c := createConn(a, map[string]any{"active": false, "webhook_event_url": "https://example.com/hook", "webhook_timeout_secs": 25})
	id, _ := c["id"].(string)
	if _, err := strconv.ParseInt(id, 10, 64); err != nil {
		t.Fatalf("id %q is not numeric", id)
	}
	eq(t, c["record_type"], any("external_connection"), "record_type")
	eq(t, c["active"], any(false), "active")
	for _, k := range []string{"created_at", "updated_at"} {
		if _, err := time.Parse(time.RFC3339, c[k].(string)); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
	}

	got := data(t, a.must(200, "GET", "/external_connections/"+id, nil))
	eq(t, got["webhook_event_url"], any("https://example.com/hook"), "webhook_event_url")

	l := a.must(200, "GET", "/external_connections", nil)
	eq(t, len(list(t, l, "data")), 1, "list length")

	// PATCH merges: untouched fields survive.
	up := data(t, a.must(200, "PATCH", "/external_connections/"+id, map[string]any{
		"active":   true,
		"outbound": map[string]any{"outbound_voice_profile_id": "42", "channel_limit": 10},
	}))
	eq(t, up["active"], any(true), "active after patch")
	eq(t, up["webhook_event_url"], any("https://example.com/hook"), "webhook kept")
	eq(t, up["webhook_timeout_secs"], any(float64(25)), "timeout kept")
	out := up["outbound"].(map[string]any)
	eq(t, out["outbound_voice_profile_id"], any("42"), "profile")
	eq(t, out["channel_limit"], any(float64(10)), "channel_limit")

	// An active connection cannot be deleted.
	a.expectError(422, "10015", "", "DELETE", "/external_connections/"+id, nil)
	a.must(200, "PATCH", "/external_connections/"+id, map[string]any{
		"active":   false,
		"outbound": map[string]any{"outbound_voice_profile_id": "42"},
	})
	del := data(t, a.must(200, "DELETE", "/external_connections/"+id, nil))
	eq(t, del["id"], any(id), "deleted id")
	e := a.expectError(404, "10005", "", "GET", "/external_connections/"+id, nil)
	eq(t, e["title"], any("Resource not found"), "title")
	a.expectError(404, "10005", "", "DELETE", "/external_connections/"+id, nil)
	a.expectError(404, "10005", "", "GET", "/external_connections/"+id+"/phone_numbers", nil)
}

func TestExternalConnectionValidation(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	a.expectError(422, "10015", "/external_sip_connection", "POST", "/external_connections",
		map[string]any{"outbound": map[string]any{}})
	a.expectError(422, "10015", "/external_sip_connection", "POST", "/external_connections",
		map[string]any{"external_sip_connection": "operator_connect", "outbound": map[string]any{}})
	a.expectError(422, "10015", "/outbound", "POST", "/external_connections",
		map[string]any{"external_sip_connection": "zoom"})
	e := a.expectError(422, "10015", "/inbound/outbound_voice_profile_id", "POST", "/external_connections",
		map[string]any{"external_sip_connection": "zoom", "outbound": map[string]any{}, "inbound": map[string]any{"channel_limit": 2}})
	eq(t, e["detail"], any("The 'inbound.outbound_voice_profile_id' parameter is required."), "nested field named like other details")
	a.expectError(422, "10015", "/webhook_timeout_secs", "POST", "/external_connections",
		map[string]any{"external_sip_connection": "zoom", "outbound": map[string]any{}, "webhook_timeout_secs": 31})
	a.expectError(422, "10015", "/active", "POST", "/external_connections",
		map[string]any{"external_sip_connection": "zoom", "outbound": map[string]any{}, "active": "yes"})
	// The spec declares no 400 here: malformed bodies get 422 too.
	a.expectError(422, "10015", "", "POST", "/external_connections", []byte(`{"external_sip_connection":`))
	a.expectError(422, "10015", "", "POST", "/external_connections", []byte(`[1,2]`))

	c := createConn(a, nil)
	id := c["id"].(string)
	a.expectError(422, "10015", "/outbound", "PATCH", "/external_connections/"+id, map[string]any{"active": false})
	e = a.expectError(422, "10015", "/outbound/outbound_voice_profile_id", "PATCH", "/external_connections/"+id,
		map[string]any{"outbound": map[string]any{"channel_limit": 1}})
	eq(t, e["detail"], any("The 'outbound.outbound_voice_profile_id' parameter is required."), "nested field named like other details")

}

func TestPagingMetaAcrossPages(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	for i := 0; i < 45; i++ {
		createConn(a, map[string]any{"connection_name": fmt.Sprintf("conn-%02d", i)})
	}
	seen := map[string]bool{}
	for page, want := range map[int]int{1: 20, 2: 20, 3: 5} {
		m := a.must(200, "GET", fmt.Sprintf("/external_connections?page[number]=%d&page[size]=20", page), nil)
		items := list(t, m, "data")
		eq(t, len(items), want, fmt.Sprintf("page %d length", page))
		for _, it := range items {
			seen[it["id"].(string)] = true
		}
		mt := meta(t, m)
		eq(t, mt["page_number"], float64(page), "page_number")
		eq(t, mt["page_size"], 20.0, "page_size")
		eq(t, mt["total_pages"], 3.0, "total_pages")
		eq(t, mt["total_results"], 45.0, "total_results")
	}
	eq(t, len(seen), 45, "distinct ids over 3 pages")

	// Past the end: empty page, same totals.
	m := a.must(200, "GET", "/external_connections?page[number]=9&page[size]=20", nil)
	eq(t, len(list(t, m, "data")), 0, "page 9")

	// Invalid parameters get the status each operation's spec declares:
	// 400 where it declares no 422.
	a.expectError(400, "10015", "page[size]", "GET", "/external_connections?page[size]=251", nil)
	a.expectError(400, "10015", "page[size]", "GET", "/external_connections?page[size]=0", nil)
	a.expectError(400, "10015", "page[size]", "GET", "/recordings?page[size]=251", nil)
	a.expectError(400, "10015", "page[number]", "GET", "/external_connections?page[number]=x", nil)
	a.expectError(422, "10015", "page[size]", "GET", "/external_connections/log_messages?page[size]=251", nil)
	a.expectError(422, "10015", "page[size]", "GET", "/external_connections/"+createConn(a, nil)["id"].(string)+"/phone_numbers?page[size]=0", nil)

	// Filters.
	m = a.must(200, "GET", "/external_connections?filter[connection_name][contains]=CONN-1", nil)
	eq(t, len(list(t, m, "data")), 10, "connection_name contains")
	m = a.must(200, "GET", "/external_connections?filter[external_sip_connection]=operator_connect", nil)
	eq(t, len(list(t, m, "data")), 0, "external_sip_connection")
	a.expectError(400, "10015", "filter[external_sip_connection]", "GET", "/external_connections?filter[external_sip_connection]=teams", nil)
}

func TestCivicAddressesLocationsAndPhoneNumbers(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	conn := a.srv.SeedExternalConnection(ec.Connection{ExternalSIPConnection: ec.ExternalSIPConnectionOperatorConnect})
	us := a.srv.SeedCivicAddress(conn.ID, ec.CivicAddress{
		CityOrTown: "Austin",
		Locations:  []ec.Location{{AdditionalInfo: "Lobby"}, {AdditionalInfo: "14th Floor"}},
	})
	de := a.srv.SeedCivicAddress(conn.ID, ec.CivicAddress{CityOrTown: "Berlin", Country: "DE"})
	if us.ID == "" || us.DefaultLocationID != us.Locations[0].ID || !us.Locations[0].IsDefault {
		t.Fatalf("seed defaults not filled: %+v", us)
	}

	base := "/external_connections/" + conn.ID
	eq(t, len(list(t, a.must(200, "GET", base+"/civic_addresses", nil), "data")), 2, "addresses")
	m := a.must(200, "GET", base+"/civic_addresses?filter[country][]=DE", nil)
	got := list(t, m, "data")
	eq(t, len(got), 1, "country filter")
	eq(t, got[0]["id"], any(de.ID), "DE address")
	m = a.must(200, "GET", base+"/civic_addresses?filter[country]=DE&filter[country]=US", nil)
	eq(t, len(list(t, m, "data")), 2, "repeated country filter")

	addr := data(t, a.must(200, "GET", base+"/civic_addresses/"+us.ID, nil))
	eq(t, addr["record_type"], any("civic_address"), "record_type")
	eq(t, len(addr["locations"].([]any)), 2, "locations")
	a.expectError(404, "10005", "", "GET", base+"/civic_addresses/"+"00000000-0000-4000-8000-000000000000", nil)

	// Location update: 200 without numbers at the location, 202 with.
	loc0, loc1 := us.Locations[0].ID, us.Locations[1].ID
	emergency := "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0"
	r := data(t, a.must(200, "PATCH", base+"/locations/"+loc1, map[string]any{"static_emergency_address_id": emergency}))
	eq(t, r["location_id"], any(loc1), "location_id")
	eq(t, r["static_emergency_address_id"], any(emergency), "emergency id")
	// Once accepted, the emergency address cannot be changed.
	a.expectError(422, "10015", "", "PATCH", base+"/locations/"+loc1, map[string]any{"static_emergency_address_id": emergency})
	a.expectError(422, "10015", "/static_emergency_address_id", "PATCH", base+"/locations/"+loc0, map[string]any{})
	a.expectError(404, "10005", "", "PATCH", base+"/locations/"+emergency, map[string]any{"static_emergency_address_id": emergency})

	n := a.srv.SeedPhoneNumber(conn.ID, ec.PhoneNumber{TelephoneNumber: "+15125550100", LocationID: loc0})
	eq(t, n.CivicAddressID, us.ID, "civic address derived from location")
	a.srv.SeedPhoneNumber(conn.ID, ec.PhoneNumber{TelephoneNumber: "+15125550200"})
	a.must(202, "PATCH", base+"/locations/"+loc0, map[string]any{"static_emergency_address_id": emergency})

	m = a.must(200, "GET", base+"/phone_numbers", nil)
	eq(t, len(list(t, m, "data")), 2, "numbers")
	eq(t, meta(t, m)["total_results"], 2.0, "numbers total")
	m = a.must(200, "GET", base+"/phone_numbers?filter[phone_number][contains]=0100", nil)
	eq(t, len(list(t, m, "data")), 1, "contains filter")
	m = a.must(200, "GET", base+"/phone_numbers?filter[location_id][eq]="+loc0, nil)
	eq(t, len(list(t, m, "data")), 1, "location filter")

	pn := data(t, a.must(200, "GET", base+"/phone_numbers/"+n.NumberID, nil))
	eq(t, pn["telephone_number"], any("+15125550100"), "telephone_number")
	pn = data(t, a.must(200, "PATCH", base+"/phone_numbers/"+n.NumberID, map[string]any{"location_id": loc1}))
	eq(t, pn["location_id"], any(loc1), "patched location")
	a.expectError(422, "10015", "/location_id", "PATCH", base+"/phone_numbers/"+n.NumberID, map[string]any{"location_id": "nope"})
	a.expectError(404, "10005", "", "GET", base+"/phone_numbers/123", nil)
}

func TestReleases(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	id := "1930241863466399999"
	r1 := a.srv.SeedRelease(id, ec.Release{Status: ec.ReleaseStatusComplete, TelephoneNumbers: []ec.ReleasedNumber{{PhoneNumber: "+13125550001", NumberID: "1"}}})
	a.srv.SeedRelease(id, ec.Release{TelephoneNumbers: []ec.ReleasedNumber{{PhoneNumber: "+13125550002", NumberID: "2"}}},
		telnyxtest.WithPlace("318fb664-d341-44d2-8405-e6bfb9ced6d9", ""))
	base := "/external_connections/" + id + "/releases"
	m := a.must(200, "GET", base, nil)
	eq(t, len(list(t, m, "data")), 2, "releases")
	m = a.must(200, "GET", base+"?filter[status][eq][]=complete&filter[status][eq][]=failed", nil)
	eq(t, len(list(t, m, "data")), 1, "status filter")
	m = a.must(200, "GET", base+"?filter[status][eq]=pending_upload", nil)
	eq(t, len(list(t, m, "data")), 1, "status filter (plain form)")
	m = a.must(200, "GET", base+"?filter[phone_number][eq]=%2B13125550002", nil)
	eq(t, len(list(t, m, "data")), 1, "phone filter")
	m = a.must(200, "GET", base+"?filter[civic_address_id][eq]=318fb664-d341-44d2-8405-e6bfb9ced6d9", nil)
	eq(t, len(list(t, m, "data")), 1, "civic address filter, from WithPlace")
	a.expectError(422, "10015", "filter[status][eq]", "GET", base+"?filter[status][eq][]=bogus", nil)
	got := data(t, a.must(200, "GET", base+"/"+r1.TicketID, nil))
	eq(t, got["status"], any("complete"), "status")
	a.expectError(404, "10005", "", "GET", base+"/"+"00000000-0000-4000-8000-000000000000", nil)
}

func TestUploadsLifecycle(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	c := createConn(a, nil)
	base := "/external_connections/" + c["id"].(string) + "/uploads"

	a.expectError(422, "10015", "/number_ids", "POST", base, map[string]any{})
	a.expectError(422, "10015", "/number_ids", "POST", base, map[string]any{"number_ids": []string{}})
	a.expectError(422, "10015", "/usage", "POST", base, map[string]any{"number_ids": []string{"1"}, "usage": "teams"})
	a.expectError(422, "10015", "/civic_address_id", "POST", base, map[string]any{
		"number_ids": []string{"1"}, "location_id": "67ea7693-9cd5-4a68-8c76-abb3aa5bf5d2", "civic_address_id": "67ea7693-9cd5-4a68-8c76-abb3aa5bf5d3"})
	many := make([]string, 1001)
	for i := range many {
		many[i] = strconv.Itoa(i + 1)
	}
	a.must(413, "POST", base, map[string]any{"number_ids": many})

	created := a.must(202, "POST", base, map[string]any{
		"number_ids": []string{"3920457616934164700", "3920457616934164701"},
		"usage":      "first_party_app_assignment",
	})
	eq(t, created["success"], any(true), "success")
	ticket := created["ticket_id"].(string)

	u := data(t, a.must(200, "GET", base+"/"+ticket, nil))
	if s := u["status"]; s != "pending_upload" && s != "pending" {
		t.Fatalf("new upload status %v", s)
	}
	st := data(t, a.must(200, "GET", base+"/status", nil))
	eq(t, st["pending_orders_count"], any(1.0), "pending orders")
	eq(t, st["pending_numbers_count"], any(2.0), "pending numbers")
	m := a.must(200, "GET", base+"?filter[status][eq][]=pending_upload&filter[status][eq][]=pending", nil)
	eq(t, len(list(t, m, "data")), 1, "pending filter")

	// A retry of an upload still in progress is refused.
	a.expectError(409, "10015", "", "POST", base+"/"+ticket+"/retry", nil)

	eq(t, a.must(200, "POST", base+"/refresh", nil)["success"], any(true), "refresh")
	u = data(t, a.must(200, "GET", base+"/"+ticket, nil))
	eq(t, u["status"], any("success"), "status after refresh")
	st = data(t, a.must(200, "GET", base+"/status", nil))
	eq(t, st["pending_orders_count"], any(0.0), "pending orders after refresh")
	nums := a.must(200, "GET", "/external_connections/"+c["id"].(string)+"/phone_numbers", nil)
	eq(t, len(list(t, nums, "data")), 2, "numbers assigned after upload")

	// Retry a failed upload; a succeeded one has nothing to retry.
	failed := a.srv.SeedUpload(c["id"].(string), ec.Upload{Status: ec.UploadStatusError, ErrorCode: "internal_error",
		Entries: []ec.UploadEntry{{NumberID: "77", Status: ec.UploadStatusError}}})
	r := data(t, a.must(202, "POST", base+"/"+failed.TicketID+"/retry", nil))
	eq(t, r["status"], any("success"), "status after retry")
	a.expectError(422, "10015", "", "POST", base+"/"+failed.TicketID+"/retry", nil)
	a.expectError(404, "10005", "", "POST", base+"/00000000-0000-4000-8000-000000000000/retry", nil)
}

func TestLogMessagesAndOperatorConnect(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	m1 := a.srv.SeedLogMessage(ec.LogMessage{Detail: "one", Meta: ec.LogMessageMeta{ExternalConnectionID: "1", TelephoneNumber: "+15550001"}})
	a.srv.SeedLogMessage(ec.LogMessage{Detail: "two", Meta: ec.LogMessageMeta{ExternalConnectionID: "2", TelephoneNumber: "+15550002"}},
		telnyxtest.WithLogMessageID("42"))
	a.srv.SeedLogMessage(ec.LogMessage{Detail: "about nothing"})

	m := a.must(200, "GET", "/external_connections/log_messages", nil)
	eq(t, len(list(t, m, "log_messages")), 3, "log messages")
	eq(t, meta(t, m)["total_results"], 3.0, "total")
	m = a.must(200, "GET", "/external_connections/log_messages?filter[external_connection_id]=2", nil)
	eq(t, len(list(t, m, "log_messages")), 1, "filter connection")
	m = a.must(200, "GET", "/external_connections/log_messages?filter[telephone_number][contains]=0001", nil)
	eq(t, len(list(t, m, "log_messages")), 1, "filter number")
	m = a.must(200, "GET", "/external_connections/log_messages?filter[external_connection_id]=null&filter[telephone_number][eq]=null", nil)
	eq(t, list(t, m, "log_messages")[0]["detail"], any("about nothing"), `"null" filters`)
	a.expectError(422, "10015", "filter[telephone_number][contains]", "GET", "/external_connections/log_messages?filter[telephone_number][contains]=12", nil)
	a.expectError(422, "10015", "filter[telephone_number][contains]", "GET", "/external_connections/log_messages?filter[telephone_number][contains]=12a4", nil)
	eq(t, len(list(t, a.must(200, "GET", "/external_connections/log_messages/42", nil), "log_messages")), 1, "WithLogMessageID")

	one := list(t, a.must(200, "GET", "/external_connections/log_messages/"+m1, nil), "log_messages")
	eq(t, len(one), 1, "get returns one element")
	eq(t, one[0]["code"], any("10015"), "default code")
	eq(t, one[0]["title"], any("Invalid parameter"), "default title")
	eq(t, a.must(200, "DELETE", "/external_connections/log_messages/"+m1, nil)["success"], any(true), "dismiss")
	a.expectError(404, "10005", "", "GET", "/external_connections/log_messages/"+m1, nil)

	r := a.must(200, "POST", "/operator_connect/actions/refresh", nil)
	eq(t, r["success"], any(true), "operator connect refresh")
	if _, ok := r["message"].(string); !ok {
		t.Fatalf("no message in %v", r)
	}
}

func TestExternalConnectionTags(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	c := createConn(a, map[string]any{"tags": []string{"tag1", "tag2"}})
	id := c["id"].(string)
	eq(t, fmt.Sprint(c["tags"]), "[tag1 tag2]", "created tags")
	eq(t, fmt.Sprint(data(t, a.must(200, "GET", "/external_connections/"+id, nil))["tags"]), "[tag1 tag2]", "stored tags")

	outbound := map[string]any{"outbound_voice_profile_id": "1911630617284445511"}
	u := data(t, a.must(200, "PATCH", "/external_connections/"+id, map[string]any{"outbound": outbound, "active": false}))
	eq(t, fmt.Sprint(u["tags"]), "[tag1 tag2]", "tags kept when not given")
	u = data(t, a.must(200, "PATCH", "/external_connections/"+id, map[string]any{"outbound": outbound, "tags": []string{"b"}}))
	eq(t, fmt.Sprint(u["tags"]), "[b]", "tags replaced")
	u = data(t, a.must(200, "PATCH", "/external_connections/"+id, map[string]any{"outbound": outbound, "tags": []string{}}))
	eq(t, fmt.Sprint(u["tags"]), "[]", "tags cleared")

	// Never null, also for connections created without tags or seeded.
	if tags, ok := createConn(a, nil)["tags"].([]any); !ok || len(tags) != 0 {
		t.Fatalf("tags of an untagged connection: %#v", tags)
	}
	in := []string{"seeded"}
	seeded := a.srv.SeedExternalConnection(ec.Connection{Tags: in})
	in[0] = "changed"
	eq(t, fmt.Sprint(data(t, a.must(200, "GET", "/external_connections/"+seeded.ID, nil))["tags"]), "[seeded]", "seed copies tags")
	a.expectError(422, "10015", "/tags", "POST", "/external_connections",
		map[string]any{"external_sip_connection": "zoom", "outbound": outbound, "tags": "x"})
}

func TestPageNumberOverflow(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	for i := 0; i < 5; i++ {
		createConn(a, nil)
	}
	for _, n := range []string{"4611686018427387905", "9223372036854775807", "99999999999999999999999"} {
		m := a.must(200, "GET", "/external_connections?page[size]=4&page[number]="+n, nil)
		eq(t, len(list(t, m, "data")), 0, "page "+n)
		eq(t, meta(t, m)["total_pages"], 2.0, "total_pages")
	}
	m := a.must(200, "GET", "/external_connections?page[size]=4&page[number]=2", nil)
	eq(t, len(list(t, m, "data")), 1, "last page")
	m = a.must(200, "GET", "/external_connections?page[size]=4&page[number]=3", nil)
	eq(t, len(list(t, m, "data")), 0, "past the last page")
}

// The refusals the spec documents are answered as the API answers them, so
// that a test passing against the fake does not fail in production.
func TestDocumentedRefusals(t *testing.T) {
	t.Parallel()
	// Each subtest has a fake and a clock of its own, so that they can run
	// in parallel.
	fresh := func(t *testing.T) (*api, *fakeClock) {
		clock := &fakeClock{now: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
		return newAPI(t, telnyxtest.WithClock(clock.Now)), clock
	}
	outbound := map[string]any{"outbound_voice_profile_id": "1911630617284445511"}

	t.Run("delete an Operator Connect connection", func(t *testing.T) {
		t.Parallel()
		a, _ := fresh(t)
		oc := a.srv.SeedExternalConnection(ec.Connection{ExternalSIPConnection: ec.ExternalSIPConnectionOperatorConnect})
		e := a.expectError(422, "10015", "", "DELETE", "/external_connections/"+oc.ID, nil)
		eq(t, e["detail"], any("Operator Connect connections cannot be deleted through the API; contact Telnyx support to remove the integration."), "detail")
	})
	t.Run("delete a connection in use by phone numbers", func(t *testing.T) {
		t.Parallel()
		a, _ := fresh(t)
		conn := a.srv.SeedExternalConnection(ec.Connection{})
		a.srv.SeedPhoneNumber(conn.ID, ec.PhoneNumber{})
		a.expectError(422, "10015", "", "DELETE", "/external_connections/"+conn.ID, nil)
	})
	t.Run("create an Operator Connect connection", func(t *testing.T) {
		t.Parallel()
		a, _ := fresh(t)
		a.expectError(422, "10015", "/external_sip_connection", "POST", "/external_connections",
			map[string]any{"external_sip_connection": "operator_connect", "outbound": outbound})
	})
	t.Run("refresh uploads twice", func(t *testing.T) {
		t.Parallel()
		a, clock := fresh(t)
		id := createConn(a, nil)["id"].(string)
		path := "/external_connections/" + id + "/uploads/refresh"
		a.must(200, "POST", path, nil)
		a.expectError(409, "10015", "", "POST", path, nil)
		clock.Advance(time.Minute)
		a.must(200, "POST", path, nil)
	})
	t.Run("location with an accepted emergency address", func(t *testing.T) {
		t.Parallel()
		a, _ := fresh(t)
		conn := a.srv.SeedExternalConnection(ec.Connection{ID: "67ea7693-9cd5-4a68-8c76-abb3aa5bf5d2"})
		loc := "c37e5036-1e87-42e6-86a2-b3e8dd39a2ad"
		a.srv.SeedCivicAddress(conn.ID, ec.CivicAddress{Locations: []ec.Location{{ID: loc}}},
			telnyxtest.WithEmergencyAddress(loc, "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0"))
		// The spec declares this path's connection id a UUID.
		a.expectError(422, "10015", "", "PATCH", "/external_connections/"+conn.ID+"/locations/"+loc,
			map[string]any{"static_emergency_address_id": "318fb664-d341-44d2-8405-e6bfb9ced6d9"})
	})
	t.Run("list filters", func(t *testing.T) {
		t.Parallel()
		a, _ := fresh(t)
		conn := a.srv.SeedExternalConnection(ec.Connection{ConnectionName: "Filtered", CreatedAt: telnyx.NewTimestamp(time.Date(2022, 12, 31, 23, 0, 0, 0, time.UTC))})
		a.srv.SeedPhoneNumber(conn.ID, ec.PhoneNumber{TelephoneNumber: "+15555555555"})
		a.expectError(400, "10015", "filter[connection_name][contains]", "GET", "/external_connections?filter[connection_name][contains]=Fi", nil)
		a.expectError(400, "10015", "filter[created_at]", "GET", "/external_connections?filter[created_at]=2022-12-31T23:00:00Z", nil)
		m := a.must(200, "GET", "/external_connections?filter[created_at]=2022-12-31", nil)
		eq(t, list(t, m, "data")[0]["id"], any(conn.ID), "created on that day")
		// Despite its name, the phone number filter wants the whole number.
		m = a.must(200, "GET", "/external_connections?filter[phone_number][contains]=%2B15555555555", nil)
		eq(t, len(list(t, m, "data")), 1, "whole number")
		m = a.must(200, "GET", "/external_connections?filter[phone_number][contains]=5555", nil)
		eq(t, len(list(t, m, "data")), 0, "part of a number")
		a.expectError(400, "10015", "filter[call_leg_id]", "GET", "/recordings?filter[call_leg_id]=leg-1", nil)
	})
	t.Run("path values in the wrong format", func(t *testing.T) {
		t.Parallel()
		a, _ := fresh(t)
		a.expectError(422, "10015", "id", "GET", "/external_connections/zoom-1", nil)
		a.expectError(404, "10005", "", "GET", "/external_connections/1/releases/not-a-uuid", nil)
		a.expectError(404, "10005", "", "GET", "/recording_transcriptions/42", nil)
	})
}

func TestSeedOptionsMisusePanics(t *testing.T) {
	t.Parallel()
	srv := telnyxtest.New()
	for name, f := range map[string]func(){
		"SeedExternalConnection does not take WithSIPCallID": func() {
			srv.SeedExternalConnection(ec.Connection{}, telnyxtest.WithSIPCallID("x"))
		},
		"SeedCivicAddress: the address has no location": func() {
			srv.SeedCivicAddress("1", ec.CivicAddress{}, telnyxtest.WithEmergencyAddress("c37e5036-1e87-42e6-86a2-b3e8dd39a2ad", "x"))
		},
	} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), strings.SplitN(name, ":", 2)[0]) {
					t.Fatalf("%s: panic %v", name, r)
				}
			}()
			f()
		}()
	}
}
