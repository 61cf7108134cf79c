package telnyxtest

import (
	"net/url"
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
	handle handlerFunc
	segs   []string
}

// routes lists all 48 operations of the spec.
var routes = []*route{
	// Custom storage credentials.
	{method: "GET", path: "/custom_storage_credentials/{connection_id}", opID: "GetCustomStorageCredentials", handle: (*Server).getCredentials},
	{method: "POST", path: "/custom_storage_credentials/{connection_id}", opID: "CreateCustomStorageCredentials", handle: (*Server).createCredentials},
	{method: "PUT", path: "/custom_storage_credentials/{connection_id}", opID: "UpdateCustomStorageCredentials", handle: (*Server).updateCredentials},
	{method: "DELETE", path: "/custom_storage_credentials/{connection_id}", opID: "DeleteCustomStorageCredentials", handle: (*Server).deleteCredentials},

	// Dialogflow connections.
	{method: "GET", path: "/dialogflow_connections/{connection_id}", opID: "GetDialogflowConnection", handle: (*Server).getDialogflow},
	{method: "POST", path: "/dialogflow_connections/{connection_id}", opID: "CreateDialogflowConnection", handle: (*Server).createDialogflow},
	{method: "PUT", path: "/dialogflow_connections/{connection_id}", opID: "UpdateDialogflowConnection", handle: (*Server).updateDialogflow},
	{method: "DELETE", path: "/dialogflow_connections/{connection_id}", opID: "DeleteDialogflowConnection", handle: (*Server).deleteDialogflow},

	// External connections.
	{method: "GET", path: "/external_connections", opID: "ListExternalConnections", handle: (*Server).listExternalConnections},
	{method: "POST", path: "/external_connections", opID: "CreateExternalConnection", handle: (*Server).createExternalConnection},
	{method: "GET", path: "/external_connections/{id}", opID: "GetExternalConnection", handle: (*Server).getExternalConnection},
	{method: "PATCH", path: "/external_connections/{id}", opID: "UpdateExternalConnection", handle: (*Server).updateExternalConnection},
	{method: "DELETE", path: "/external_connections/{id}", opID: "DeleteExternalConnection", handle: (*Server).deleteExternalConnection},

	// Log messages.
	{method: "GET", path: "/external_connections/log_messages", opID: "ListExternalConnectionLogMessages", handle: (*Server).listLogMessages},
	{method: "GET", path: "/external_connections/log_messages/{id}", opID: "GetExternalConnectionLogMessage", handle: (*Server).getLogMessage},
	{method: "DELETE", path: "/external_connections/log_messages/{id}", opID: "DeleteExternalConnectionLogMessage", handle: (*Server).deleteLogMessage},

	// Civic addresses and locations.
	{method: "GET", path: "/external_connections/{id}/civic_addresses", opID: "ListCivicAddresses", handle: (*Server).listCivicAddresses},
	{method: "GET", path: "/external_connections/{id}/civic_addresses/{address_id}", opID: "GetExternalConnectionCivicAddress", handle: (*Server).getCivicAddress},
	{method: "PATCH", path: "/external_connections/{id}/locations/{location_id}", opID: "updateLocation", handle: (*Server).updateLocation},

	// Phone numbers.
	{method: "GET", path: "/external_connections/{id}/phone_numbers", opID: "ListExternalConnectionPhoneNumbers", handle: (*Server).listPhoneNumbers},
	{method: "GET", path: "/external_connections/{id}/phone_numbers/{phone_number_id}", opID: "GetExternalConnectionPhoneNumber", handle: (*Server).getPhoneNumber},
	{method: "PATCH", path: "/external_connections/{id}/phone_numbers/{phone_number_id}", opID: "UpdateExternalConnectionPhoneNumber", handle: (*Server).updatePhoneNumber},

	// Releases.
	{method: "GET", path: "/external_connections/{id}/releases", opID: "ListExternalConnectionReleases", handle: (*Server).listReleases},
	{method: "GET", path: "/external_connections/{id}/releases/{release_id}", opID: "GetExternalConnectionRelease", handle: (*Server).getRelease},

	// Uploads.
	{method: "GET", path: "/external_connections/{id}/uploads", opID: "ListExternalConnectionUploads", handle: (*Server).listUploads},
	{method: "POST", path: "/external_connections/{id}/uploads", opID: "CreateExternalConnectionUpload", handle: (*Server).createUpload},
	{method: "POST", path: "/external_connections/{id}/uploads/refresh", opID: "RefreshExternalConnectionUploads", handle: (*Server).refreshUploads},
	{method: "GET", path: "/external_connections/{id}/uploads/status", opID: "GetExternalConnectionUploadsStatus", handle: (*Server).uploadsStatus},
	{method: "GET", path: "/external_connections/{id}/uploads/{ticket_id}", opID: "GetExternalConnectionUpload", handle: (*Server).getUpload},
	{method: "POST", path: "/external_connections/{id}/uploads/{ticket_id}/retry", opID: "RetryUpload", handle: (*Server).retryUpload},

	// Media storage.
	{method: "GET", path: "/media", opID: "ListMediaStorage", handle: (*Server).listMedia},
	{method: "POST", path: "/media", opID: "CreateMediaStorage", handle: (*Server).createMedia},
	{method: "GET", path: "/media/{media_name}", opID: "GetMediaStorage", handle: (*Server).getMedia},
	{method: "PUT", path: "/media/{media_name}", opID: "UpdateMediaStorage", handle: (*Server).updateMedia},
	{method: "DELETE", path: "/media/{media_name}", opID: "DeleteMediaStorage", handle: (*Server).deleteMedia},
	{method: "GET", path: "/media/{media_name}/download", opID: "DownloadMedia", handle: (*Server).downloadMedia},

	// Operator Connect.
	{method: "POST", path: "/operator_connect/actions/refresh", opID: "OperatorConnectRefresh", handle: (*Server).operatorConnectRefresh},

	// Recording transcriptions.
	{method: "GET", path: "/recording_transcriptions", opID: "getRecordingTranscriptions", handle: (*Server).listTranscriptions},
	{method: "GET", path: "/recording_transcriptions/{recording_transcription_id}", opID: "getRecordingTranscription", handle: (*Server).getTranscription},
	{method: "DELETE", path: "/recording_transcriptions/{recording_transcription_id}", opID: "deleteRecordingTranscription", handle: (*Server).deleteTranscription},

	// Recordings.
	{method: "GET", path: "/recordings", opID: "GetRecordings", handle: (*Server).listRecordings},
	{method: "POST", path: "/recordings/actions/delete", opID: "DeleteRecordings", handle: (*Server).deleteRecordings},
	{method: "GET", path: "/recordings/{recording_id}", opID: "GetRecording", handle: (*Server).getRecording},
	{method: "DELETE", path: "/recordings/{recording_id}", opID: "DeleteRecording", handle: (*Server).deleteRecording},

	// SIPREC connectors.
	{method: "POST", path: "/siprec_connectors", opID: "createSiprecConnector", family: familySiprec, handle: (*Server).createSiprec},
	{method: "GET", path: "/siprec_connectors/{connector_name}", opID: "getSiprecConnector", family: familySiprec, handle: (*Server).getSiprec},
	{method: "PUT", path: "/siprec_connectors/{connector_name}", opID: "updateSiprecConnector", family: familySiprec, handle: (*Server).updateSiprec},
	{method: "DELETE", path: "/siprec_connectors/{connector_name}", opID: "deleteSiprecConnector", family: familySiprec, handle: (*Server).deleteSiprec},
}

func init() {
	for _, r := range routes {
		r.segs = strings.Split(strings.TrimPrefix(r.path, "/"), "/")
	}
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
// several templates match, literal segments win over parameters. The boolean
// reports whether the path matched some route with another method.
func matchRoute(method, escapedPath string) (*route, map[string]string, bool) {
	rest, ok := strings.CutPrefix(escapedPath, "/v2/")
	if !ok {
		return nil, nil, false
	}
	raw := strings.Split(rest, "/")
	segs := make([]string, len(raw))
	for i, r := range raw {
		u, err := url.PathUnescape(r)
		if err != nil {
			return nil, nil, false
		}
		segs[i] = u
	}
	var best *route
	bestScore := -1
	otherMethod := false
	for _, rt := range routes {
		if len(rt.segs) != len(segs) {
			continue
		}
		score, ok := templateMatch(rt.segs, raw, segs)
		if !ok {
			continue
		}
		if rt.method != method {
			otherMethod = true
			continue
		}
		if score > bestScore {
			best, bestScore = rt, score
		}
	}
	if best == nil {
		return nil, nil, otherMethod
	}
	params := map[string]string{}
	for i, t := range best.segs {
		if strings.HasPrefix(t, "{") {
			params[strings.Trim(t, "{}")] = segs[i]
		}
	}
	return best, params, false
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
