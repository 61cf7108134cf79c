package telnyxtest

import (
	"encoding/json"
	"net/http"
)

// Recordings.

func (s *Server) listRecordings(c *call) *response {
	number, size, resp := c.page(defaultPageSizeRecordings)
	if resp != nil {
		return resp
	}
	var ranges [3]timeRange
	for i, name := range []string{"created_at", "start_time", "end_time"} {
		if ranges[i], resp = c.timeRange("filter[" + name + "]"); resp != nil {
			return resp
		}
	}
	eq := map[string]func(*recording) string{
		"conference_id":     func(r *recording) string { return r.ConferenceID },
		"conference_region": func(r *recording) string { return r.ConferenceRegion },
		"call_control_id":   func(r *recording) string { return r.CallControlID },
		"call_leg_id":       func(r *recording) string { return r.CallLegID },
		"call_session_id":   func(r *recording) string { return r.CallSessionID },
		"from":              func(r *recording) string { return r.From },
		"to":                func(r *recording) string { return r.To },
		"connection_id":     func(r *recording) string { return r.ConnectionID },
		"sip_call_id":       func(r *recording) string { return r.SIPCallID },
	}
	want, resp := equalFilters(c, eq, "call_leg_id", "call_session_id")
	if resp != nil {
		return resp
	}
	all := filterList(s.st.recordings.list(), func(r *recording) bool {
		if !ranges[0].holds(r.CreatedAt) || !ranges[1].holds(r.RecordingStartedAt) || !ranges[2].holds(r.RecordingEndedAt) {
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
	return jsonResponse(http.StatusOK, map[string]any{"status": "ok"})
}

// Recording transcriptions.

func (s *Server) listTranscriptions(c *call) *response {
	number, size, resp := c.page(defaultPageSizeRecordings)
	if resp != nil {
		return resp
	}
	created, resp := c.timeRange("filter[created_at]")
	if resp != nil {
		return resp
	}
	eq := map[string]func(*transcription) string{
		"recording_id": func(t *transcription) string { return t.RecordingID },
	}
	want, resp := equalFilters(c, eq, "recording_id")
	if resp != nil {
		return resp
	}
	all := filterList(s.st.transcriptions.list(), func(t *transcription) bool {
		v, ok := want["recording_id"]
		return created.holds(t.CreatedAt) && (!ok || t.RecordingID == v)
	})
	page, meta := paginate(all, number, size)
	return jsonResponse(http.StatusOK, map[string]any{"data": page, "meta": meta})
}

// transcriptionResource serves getting a recording transcription.
var transcriptionResource = keyed[*transcription]{
	store:  func(st *state) *ordered[*transcription] { return st.transcriptions },
	param:  "recording_transcription_id",
	noun:   "Recording transcription",
	toJSON: func(t *transcription) map[string]any { return map[string]any{"data": t} },
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
