package telnyxtest

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

type handlerFunc func(s *Server, c *call) *response

// route maps a method and path template (relative to /v2) to the spec's
// operationId and its handler.
type route struct {
	method string
	path   string
	opID   string
	family errFamily
	// invalid is the status for invalid parameters and fields: 422 where
	// the spec declares it (the default), else 400.
	invalid int
	// strict marks operations whose spec declares neither 400 nor a default
	// answer; malformed requests then get the invalid status instead of 400.
	strict bool
	// prepare, if set, runs before handle without the server lock held, for
	// slow work such as fetching a media_url.
	prepare handlerFunc
	handle  handlerFunc
	segs    []string
}

// routes lists all 48 operations of the spec.
var routes = []*route{
	// Custom storage credentials.
	{method: "GET", path: "/custom_storage_credentials/{connection_id}", opID: "GetCustomStorageCredentials", invalid: http.StatusBadRequest, handle: credentialsResource.get},
	{method: "POST", path: "/custom_storage_credentials/{connection_id}", opID: "CreateCustomStorageCredentials", invalid: http.StatusBadRequest, handle: credentialsResource.create},
	{method: "PUT", path: "/custom_storage_credentials/{connection_id}", opID: "UpdateCustomStorageCredentials", invalid: http.StatusBadRequest, handle: credentialsResource.replace},
	{method: "DELETE", path: "/custom_storage_credentials/{connection_id}", opID: "DeleteCustomStorageCredentials", invalid: http.StatusBadRequest, handle: credentialsResource.delete},

	// Dialogflow connections.
	{method: "GET", path: "/dialogflow_connections/{connection_id}", opID: "GetDialogflowConnection", invalid: http.StatusBadRequest, handle: dialogflowResource.get},
	{method: "POST", path: "/dialogflow_connections/{connection_id}", opID: "CreateDialogflowConnection", handle: dialogflowResource.create},
	{method: "PUT", path: "/dialogflow_connections/{connection_id}", opID: "UpdateDialogflowConnection", handle: dialogflowResource.replace},
	{method: "DELETE", path: "/dialogflow_connections/{connection_id}", opID: "DeleteDialogflowConnection", invalid: http.StatusBadRequest, handle: dialogflowResource.delete},

	// External connections.
	{method: "GET", path: "/external_connections", opID: "ListExternalConnections", invalid: http.StatusBadRequest, handle: (*Server).listExternalConnections},
	{method: "POST", path: "/external_connections", opID: "CreateExternalConnection", strict: true, handle: (*Server).createExternalConnection},
	{method: "GET", path: "/external_connections/{id}", opID: "GetExternalConnection", strict: true, handle: (*Server).getExternalConnection},
	{method: "PATCH", path: "/external_connections/{id}", opID: "UpdateExternalConnection", strict: true, handle: (*Server).updateExternalConnection},
	{method: "DELETE", path: "/external_connections/{id}", opID: "DeleteExternalConnection", strict: true, handle: (*Server).deleteExternalConnection},

	// Log messages.
	{method: "GET", path: "/external_connections/log_messages", opID: "ListExternalConnectionLogMessages", strict: true, handle: (*Server).listLogMessages},
	{method: "GET", path: "/external_connections/log_messages/{id}", opID: "GetExternalConnectionLogMessage", invalid: http.StatusBadRequest, handle: logMessageResource.get},
	{method: "DELETE", path: "/external_connections/log_messages/{id}", opID: "DeleteExternalConnectionLogMessage", invalid: http.StatusBadRequest, handle: (*Server).deleteLogMessage},

	// Civic addresses and locations.
	{method: "GET", path: "/external_connections/{id}/civic_addresses", opID: "ListCivicAddresses", invalid: http.StatusBadRequest, handle: (*Server).listCivicAddresses},
	{method: "GET", path: "/external_connections/{id}/civic_addresses/{address_id}", opID: "GetExternalConnectionCivicAddress", invalid: http.StatusBadRequest, handle: (*Server).getCivicAddress},
	{method: "PATCH", path: "/external_connections/{id}/locations/{location_id}", opID: "updateLocation", strict: true, handle: (*Server).updateLocation},

	// Phone numbers.
	{method: "GET", path: "/external_connections/{id}/phone_numbers", opID: "ListExternalConnectionPhoneNumbers", strict: true, handle: (*Server).listPhoneNumbers},
	{method: "GET", path: "/external_connections/{id}/phone_numbers/{phone_number_id}", opID: "GetExternalConnectionPhoneNumber", invalid: http.StatusBadRequest, handle: (*Server).getPhoneNumber},
	{method: "PATCH", path: "/external_connections/{id}/phone_numbers/{phone_number_id}", opID: "UpdateExternalConnectionPhoneNumber", strict: true, handle: (*Server).updatePhoneNumber},

	// Releases.
	{method: "GET", path: "/external_connections/{id}/releases", opID: "ListExternalConnectionReleases", strict: true, handle: (*Server).listReleases},
	{method: "GET", path: "/external_connections/{id}/releases/{release_id}", opID: "GetExternalConnectionRelease", invalid: http.StatusBadRequest, handle: (*Server).getRelease},

	// Uploads.
	{method: "GET", path: "/external_connections/{id}/uploads", opID: "ListExternalConnectionUploads", strict: true, handle: (*Server).listUploads},
	{method: "POST", path: "/external_connections/{id}/uploads", opID: "CreateExternalConnectionUpload", strict: true, handle: (*Server).createUpload},
	{method: "POST", path: "/external_connections/{id}/uploads/refresh", opID: "RefreshExternalConnectionUploads", invalid: http.StatusBadRequest, handle: (*Server).refreshUploads},
	{method: "GET", path: "/external_connections/{id}/uploads/status", opID: "GetExternalConnectionUploadsStatus", invalid: http.StatusBadRequest, handle: (*Server).uploadsStatus},
	{method: "GET", path: "/external_connections/{id}/uploads/{ticket_id}", opID: "GetExternalConnectionUpload", invalid: http.StatusBadRequest, handle: (*Server).getUpload},
	{method: "POST", path: "/external_connections/{id}/uploads/{ticket_id}/retry", opID: "RetryUpload", strict: true, handle: (*Server).retryUpload},

	// Media storage.
	{method: "GET", path: "/media", opID: "ListMediaStorage", invalid: http.StatusBadRequest, handle: (*Server).listMedia},
	{method: "POST", path: "/media", opID: "CreateMediaStorage", prepare: (*Server).prepareMedia, handle: (*Server).createMedia},
	{method: "GET", path: "/media/{media_name}", opID: "GetMediaStorage", invalid: http.StatusBadRequest, handle: (*Server).getMedia},
	{method: "PUT", path: "/media/{media_name}", opID: "UpdateMediaStorage", prepare: (*Server).prepareMedia, handle: (*Server).updateMedia},
	{method: "DELETE", path: "/media/{media_name}", opID: "DeleteMediaStorage", invalid: http.StatusBadRequest, handle: (*Server).deleteMedia},
	{method: "GET", path: "/media/{media_name}/download", opID: "DownloadMedia", handle: (*Server).downloadMedia},

	// Operator Connect.
	{method: "POST", path: "/operator_connect/actions/refresh", opID: "OperatorConnectRefresh", invalid: http.StatusBadRequest, handle: (*Server).operatorConnectRefresh},

	// Recording transcriptions.
	{method: "GET", path: "/recording_transcriptions", opID: "getRecordingTranscriptions", invalid: http.StatusBadRequest, handle: (*Server).listTranscriptions},
	{method: "GET", path: "/recording_transcriptions/{recording_transcription_id}", opID: "getRecordingTranscription", invalid: http.StatusBadRequest, handle: transcriptionResource.get},
	{method: "DELETE", path: "/recording_transcriptions/{recording_transcription_id}", opID: "deleteRecordingTranscription", invalid: http.StatusBadRequest, handle: (*Server).deleteTranscription},

	// Recordings.
	{method: "GET", path: "/recordings", opID: "GetRecordings", invalid: http.StatusBadRequest, handle: (*Server).listRecordings},
	{method: "POST", path: "/recordings/actions/delete", opID: "DeleteRecordings", invalid: http.StatusBadRequest, handle: (*Server).deleteRecordings},
	{method: "GET", path: "/recordings/{recording_id}", opID: "GetRecording", invalid: http.StatusBadRequest, handle: recordingResource.get},
	{method: "DELETE", path: "/recordings/{recording_id}", opID: "DeleteRecording", invalid: http.StatusBadRequest, handle: (*Server).deleteRecording},

	// SIPREC connectors.
	{method: "POST", path: "/siprec_connectors", opID: "createSiprecConnector", family: familySiprec, handle: (*Server).createSiprec},
	{method: "GET", path: "/siprec_connectors/{connector_name}", opID: "getSiprecConnector", invalid: http.StatusBadRequest, family: familySiprec, handle: siprecResource.get},
	{method: "PUT", path: "/siprec_connectors/{connector_name}", opID: "updateSiprecConnector", family: familySiprec, handle: (*Server).updateSiprec},
	{method: "DELETE", path: "/siprec_connectors/{connector_name}", opID: "deleteSiprecConnector", invalid: http.StatusBadRequest, family: familySiprec, handle: siprecResource.delete},
}

func init() {
	for _, r := range routes {
		r.segs = strings.Split(strings.TrimPrefix(r.path, "/"), "/")
		if r.invalid == 0 {
			r.invalid = http.StatusUnprocessableEntity
		}
	}
}

// malformed is the status for a body or query that cannot be parsed at all.
func (r *route) malformed() int {
	if r.strict {
		return r.invalid
	}
	return http.StatusBadRequest
}

// knownOperation reports whether id is the operationId of some route.
func knownOperation(id string) bool {
	return slices.ContainsFunc(routes, func(r *route) bool { return r.opID == id })
}

// OperationIDs returns the operationIds of all operations the fake serves.
func OperationIDs() []string {
	out := make([]string, len(routes))
	for i, r := range routes {
		out[i] = r.opID
	}
	return out
}

// matchRoute finds the route for method and an escaped path. Path segments
// are unescaped one by one, so an escaped "/" stays inside a parameter. When
// several templates match, literal segments win over parameters. When no
// route has the method, allowed lists the methods of the routes the path
// matched (empty when none did).
func matchRoute(method, escapedPath string) (*route, map[string]string, []string) {
	rest, ok := strings.CutPrefix(escapedPath, "/v2/")
	if !ok {
		return nil, nil, nil
	}
	raw := strings.Split(rest, "/")
	segs := make([]string, len(raw))
	for i, r := range raw {
		u, err := url.PathUnescape(r)
		if err != nil {
			return nil, nil, nil
		}
		segs[i] = u
	}
	var best *route
	var allowed []string
	bestScore := -1
	for _, rt := range routes {
		if len(rt.segs) != len(segs) {
			continue
		}
		score, ok := templateMatch(rt.segs, raw, segs)
		if !ok {
			continue
		}
		if rt.method != method {
			if !slices.Contains(allowed, rt.method) {
				allowed = append(allowed, rt.method)
			}
			continue
		}
		if score > bestScore {
			best, bestScore = rt, score
		}
	}
	if best == nil {
		slices.Sort(allowed)
		return nil, nil, allowed
	}
	params := map[string]string{}
	for i, t := range best.segs {
		if strings.HasPrefix(t, "{") {
			params[strings.Trim(t, "{}")] = segs[i]
		}
	}
	return best, params, nil
}

func templateMatch(tmpl, raw, segs []string) (int, bool) {
	score := 0
	for i, t := range tmpl {
		if strings.HasPrefix(t, "{") {
			if segs[i] == "" {
				return 0, false
			}
			continue
		}
		if raw[i] != t {
			return 0, false
		}
		score += 1 << (len(tmpl) - i)
	}
	return score, true
}
