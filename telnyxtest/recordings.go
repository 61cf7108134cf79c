package telnyxtest

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// Recordings.

func (s *Server) listRecordings(c *call) *response {
	number, size, resp := c.page(defaultPageSizeRecordings)
	if resp != nil {
		return resp
	}
	gteKey, lteKey := "filter[created_at][gte]", "filter[created_at][lte]"
	gte, hasGte := parseTime(c.value(gteKey))
	if v := c.value(gteKey); v != "" && !hasGte {
		return c.invalidParam(gteKey, "The '"+gteKey+"' parameter must be an ISO 8601 date-time.")
	}
	lte, hasLte := parseTime(c.value(lteKey))
	if v := c.value(lteKey); v != "" && !hasLte {
		return c.invalidParam(lteKey, "The '"+lteKey+"' parameter must be an ISO 8601 date-time.")
	}
	eq := map[string]func(*recording) string{
		"conference_id":   func(r *recording) string { return r.ConferenceID },
		"call_leg_id":     func(r *recording) string { return r.CallLegID },
		"call_session_id": func(r *recording) string { return r.CallSessionID },
		"from":            func(r *recording) string { return r.From },
		"to":              func(r *recording) string { return r.To },
		"connection_id":   func(r *recording) string { return r.ConnectionID },
		"sip_call_id":     func(r *recording) string { return r.SIPCallID },
	}
	want := map[string]string{}
	for k := range eq {
		if v := c.value("filter[" + k + "]"); v != "" {
			want[k] = v
		}
	}
	for _, k := range []string{"call_leg_id", "call_session_id"} {
		if v, ok := want[k]; ok && !isUUID(v) {
			return c.invalidParam("filter["+k+"]", "The 'filter["+k+"]' parameter must be a UUID.")
		}
	}
	all := filterList(s.st.recordings.list(), func(r *recording) bool {
		if hasGte && r.CreatedAt.Before(gte) || hasLte && r.CreatedAt.After(lte) {
			return false
		}
		for k, v := range want {
			if eq[k](r) != v {
				return false
			}
		}
		return true
	})
	page, meta := paginate(all, number, size)
	return jsonResponse(http.StatusOK, map[string]any{"data": page, "meta": meta})
}

// recordingResource serves getting a recording.
var recordingResource = keyed[*recording]{
	store:  func(st *state) *ordered[*recording] { return st.recordings },
	param:  "recording_id",
	noun:   "Recording",
	toJSON: func(r *recording) map[string]any { return map[string]any{"data": r} },
}

// deleteRecording answers with the deleted recording.
func (s *Server) deleteRecording(c *call) *response {
	r, resp := recordingResource.find(s, c)
	if resp != nil {
		return resp
	}
	s.st.recordings.del(c.params["recording_id"])
	return jsonResponse(http.StatusOK, recordingResource.toJSON(r))
}

func (s *Server) deleteRecordings(c *call) *response {
	var req struct {
		IDs opt[[]json.RawMessage] `json:"ids"`
	}
	if resp := c.decode(&req); resp != nil {
		return resp
	}
	if !req.IDs.given() {
		return c.missing("/ids")
	}
	ids, resp := c.stringItems("/ids", req.IDs.v)
	if resp != nil {
		return resp
	}
	for _, id := range ids {
		s.st.recordings.del(id)
	}
	return &response{status: http.StatusNoContent}
}

// Recording transcriptions.

const cursorPrefix = "v1:"

func encodeCursor(seq int) string {
	return cursorPrefix + base64.RawURLEncoding.EncodeToString([]byte("seq:"+strconv.Itoa(seq)))
}

func decodeCursor(cur string) (int, bool) {
	rest, ok := strings.CutPrefix(cur, cursorPrefix)
	if !ok {
		return 0, false
	}
	b, err := base64.RawURLEncoding.DecodeString(rest)
	if err != nil {
		return 0, false
	}
	n, ok := strings.CutPrefix(string(b), "seq:")
	if !ok {
		return 0, false
	}
	seq, err := strconv.Atoi(n)
	return seq, err == nil
}

func (s *Server) listTranscriptions(c *call) *response {
	size, resp := c.intParam("page[size]", defaultPageSizeRecordings, 1, maxPageSize)
	if resp != nil {
		return resp
	}
	items := s.st.transcriptions.list()
	start, end := 0, min(size, len(items))
	if after := c.value("page[after]"); after != "" {
		seq, ok := decodeCursor(after)
		if !ok {
			return c.invalidParam("page[after]", "The 'page[after]' cursor is not valid.")
		}
		start = len(items)
		for i, it := range items {
			if it.seq > seq {
				start = i
				break
			}
		}
		end = min(start+size, len(items))
	} else if before := c.value("page[before]"); before != "" {
		seq, ok := decodeCursor(before)
		if !ok {
			return c.invalidParam("page[before]", "The 'page[before]' cursor is not valid.")
		}
		end = 0
		for i, it := range items {
			if it.seq < seq {
				end = i + 1
			}
		}
		start = max(0, end-size)
	}
	data := make([]*transcription, 0, end-start)
	for _, it := range items[start:end] {
		data = append(data, it.t)
	}
	sizeQuery := ""
	if _, ok := c.query["page[size]"]; ok {
		sizeQuery = "&page[size]=" + itoa(size)
	}
	cursors := map[string]string{}
	meta := map[string]any{"cursors": cursors}
	if end < len(items) && end > start {
		cursors["after"] = encodeCursor(items[end-1].seq)
		meta["next"] = "/v2/recording_transcriptions?page[after]=" + cursors["after"] + sizeQuery
	}
	if start > 0 && start < len(items) {
		cursors["before"] = encodeCursor(items[start].seq)
		meta["previous"] = "/v2/recording_transcriptions?page[before]=" + cursors["before"] + sizeQuery
	}
	return jsonResponse(http.StatusOK, map[string]any{"data": data, "meta": meta})
}

// transcriptionResource serves getting a recording transcription.
var transcriptionResource = keyed[*transcriptionItem]{
	store:  func(st *state) *ordered[*transcriptionItem] { return st.transcriptions },
	param:  "recording_transcription_id",
	noun:   "Recording transcription",
	toJSON: func(it *transcriptionItem) map[string]any { return map[string]any{"data": it.t} },
}

// deleteTranscription answers with the deleted transcription.
func (s *Server) deleteTranscription(c *call) *response {
	it, resp := transcriptionResource.find(s, c)
	if resp != nil {
		return resp
	}
	s.st.transcriptions.del(c.params["recording_transcription_id"])
	return jsonResponse(http.StatusOK, transcriptionResource.toJSON(it))
}
