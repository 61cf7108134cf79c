package telnyxtest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"time"
)

// Custom storage credentials.

// storageFields lists the string fields each storage backend's configuration accepts.
var storageFields = map[string][]string{
	"gcs":        {"credentials", "bucket"},
	"s3":         {"bucket", "region", "aws_access_key_id", "aws_secret_access_key"},
	"s3-generic": {"bucket", "region", "aws_access_key_id", "aws_secret_access_key", "endpoint"},
	"azure":      {"bucket", "account_name", "account_key"},
}

// s3GenericBackend is the backend whose fields are all required.
const s3GenericBackend = "s3-generic"

// checkStorageFields checks the fields of backend in a credentials
// configuration cfg: each given must be a string, and an s3-generic
// backend needs all of them, with an http or https endpoint.
func (c *call) checkStorageFields(backend string, fields []string, cfg map[string]any) *response {
	keys := make([]string, 0, len(cfg))
	for k := range cfg {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "backend" {
			continue
		}
		if oneOf(k, fields...) {
			if _, ok := cfg[k].(string); !ok {
				return c.invalidField("/configuration/"+k, "The 'configuration."+k+"' parameter must be a string.")
			}
		}
	}
	if backend != s3GenericBackend {
		return nil
	}
	for _, k := range fields {
		if v, _ := cfg[k].(string); v == "" {
			return c.missing("/configuration/" + k)
		}
	}
	if u, err := url.Parse(cfg["endpoint"].(string)); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c.invalidField("/configuration/endpoint", "The 'configuration.endpoint' parameter must be an http or https URL.")
	}
	return nil
}

func (c *call) parseCredentials() (*credentials, *response) {
	var req struct {
		Backend       opt[string]         `json:"backend"`
		Configuration opt[map[string]any] `json:"configuration"`
	}
	if resp := c.decode(&req); resp != nil {
		return nil, resp
	}
	if !req.Backend.given() {
		return nil, c.missing("/backend")
	}
	fields, ok := storageFields[req.Backend.v]
	if !ok {
		return nil, c.invalidField("/backend", "The 'backend' parameter must be one of: gcs, s3, s3-generic, azure.")
	}
	if !req.Configuration.given() {
		return nil, c.missing("/configuration")
	}
	cfg := req.Configuration.v
	b, present := cfg["backend"]
	if !present || b == nil {
		return nil, c.missing("/configuration/backend")
	}
	if bs, ok := b.(string); !ok || bs != req.Backend.v {
		return nil, c.invalidField("/configuration/backend", "The 'configuration.backend' parameter must equal 'backend' ("+req.Backend.v+").")
	}
	if resp := c.checkStorageFields(req.Backend.v, fields, cfg); resp != nil {
		return nil, resp
	}
	raw, _ := json.Marshal(cfg)
	return &credentials{connectionID: c.params["connection_id"], backend: req.Backend.v, configuration: raw}, nil
}

func credentialsJSON(cr *credentials) map[string]any {
	return map[string]any{
		"data":          map[string]any{"backend": cr.backend, "configuration": cr.configuration},
		"connection_id": cr.connectionID,
		"record_type":   "custom_storage_credentials",
	}
}

// credentialsResource serves the custom storage credentials operations.
var credentialsResource = keyed[*credentials]{
	store:   func(st *state) *ordered[*credentials] { return st.credentials },
	param:   "connection_id",
	noun:    "Custom storage credentials for",
	toJSON:  credentialsJSON,
	parse:   (*call).parseCredentials,
	exists:  "Custom storage credentials for connection_id %s already exist.",
	created: http.StatusOK,
}

// Dialogflow connections.

func (c *call) parseDialogflow() (*dialogflowConn, *response) {
	var req struct {
		ServiceAccount        opt[map[string]any] `json:"service_account"`
		DialogflowAPI         opt[string]         `json:"dialogflow_api"`
		ConversationProfileID opt[string]         `json:"conversation_profile_id"`
		Location              opt[string]         `json:"location"`
		Environment           opt[string]         `json:"environment"`
	}
	if resp := c.decode(&req); resp != nil {
		return nil, resp
	}
	if !req.ServiceAccount.given() {
		return nil, c.missing("/service_account")
	}
	api := "es"
	if req.DialogflowAPI.given() {
		if !oneOf(req.DialogflowAPI.v, "cx", "es") {
			return nil, c.invalidField("/dialogflow_api", "The 'dialogflow_api' parameter must be one of: cx, es.")
		}
		api = req.DialogflowAPI.v
	}
	if api == "cx" {
		// Dialogflow CX needs to know where the agent is.
		for _, f := range []struct {
			ptr string
			v   opt[string]
		}{{"/conversation_profile_id", req.ConversationProfileID}, {"/location", req.Location}} {
			if !f.v.given() || f.v.v == "" {
				return nil, c.invalidField(f.ptr, "The '"+fieldName(f.ptr)+"' parameter is required with Dialogflow CX.")
			}
		}
	}
	return &dialogflowConn{
		connectionID:          c.params["connection_id"],
		serviceAccount:        req.ServiceAccount.v,
		dialogflowAPI:         api,
		conversationProfileID: req.ConversationProfileID.v,
		location:              req.Location.v,
		environment:           req.Environment.v,
	}, nil
}

func dialogflowJSON(d *dialogflowConn) map[string]any {
	data := map[string]any{
		"record_type":     "dialogflow_connections",
		"connection_id":   d.connectionID,
		"service_account": "****",
	}
	if d.conversationProfileID != "" {
		data["conversation_profile_id"] = d.conversationProfileID
	}
	if d.environment != "" {
		data["environment"] = d.environment
	}
	return map[string]any{"data": data}
}

// dialogflowResource serves the Dialogflow connection operations.
var dialogflowResource = keyed[*dialogflowConn]{
	store:   func(st *state) *ordered[*dialogflowConn] { return st.dialogflow },
	param:   "connection_id",
	noun:    "Dialogflow connection for",
	toJSON:  dialogflowJSON,
	parse:   (*call).parseDialogflow,
	exists:  "A Dialogflow connection for connection_id %s already exists.",
	created: http.StatusCreated,
}

// SIPREC connectors.

func (c *call) parseSiprec() (*siprecConnector, *response) {
	var req struct {
		Host         opt[string] `json:"host"`
		Port         opt[int]    `json:"port"`
		Name         opt[string] `json:"name"`
		AppSubdomain opt[string] `json:"app_subdomain"`
	}
	if resp := c.decode(&req); resp != nil {
		return nil, resp
	}
	if !req.Host.given() || req.Host.v == "" {
		return nil, c.missing("/host")
	}
	if !req.Port.given() {
		return nil, c.missing("/port")
	}
	if req.Port.v < 1 || req.Port.v > 65535 {
		return nil, c.invalidField("/port", "The 'port' parameter must be between 1 and 65535.")
	}
	if !req.Name.given() || req.Name.v == "" {
		return nil, c.missing("/name")
	}
	return &siprecConnector{name: req.Name.v, host: req.Host.v, port: req.Port.v, appSubdomain: req.AppSubdomain.v}, nil
}

func siprecJSON(sc *siprecConnector) map[string]any {
	data := map[string]any{
		"record_type": "siprec_connector",
		"name":        sc.name,
		"host":        sc.host,
		"port":        sc.port,
		"created_at":  sc.createdAt.Format(tsLayout),
		"updated_at":  sc.updatedAt.Format(tsLayout),
	}
	if sc.appSubdomain != "" {
		data["app_subdomain"] = sc.appSubdomain
	}
	return map[string]any{"data": data}
}

// siprecResource serves get and delete; a connector's key is its name,
// which create and update take from the body.
var siprecResource = keyed[*siprecConnector]{
	store:  func(st *state) *ordered[*siprecConnector] { return st.siprec },
	param:  "connector_name",
	noun:   "SIPREC connector",
	toJSON: siprecJSON,
}

func (s *Server) createSiprec(c *call) *response {
	sc, resp := c.parseSiprec()
	if resp != nil {
		return resp
	}
	if _, ok := s.st.siprec.get(sc.name); ok {
		return c.invalidField("/name", "The 'name' "+quote(sc.name)+" is already used by another SIPREC connector.")
	}
	now := c.now.Truncate(time.Millisecond)
	sc.createdAt, sc.updatedAt = now, now
	s.st.siprec.put(sc.name, sc)
	return jsonResponse(http.StatusCreated, siprecJSON(sc))
}

func (s *Server) updateSiprec(c *call) *response {
	name := c.params["connector_name"]
	old, resp := siprecResource.find(s, c)
	if resp != nil {
		return resp
	}
	sc, resp := c.parseSiprec()
	if resp != nil {
		return resp
	}
	if sc.name != name {
		if _, taken := s.st.siprec.get(sc.name); taken {
			return c.invalidField("/name", "The 'name' "+quote(sc.name)+" is already used by another SIPREC connector.")
		}
		s.st.siprec.rename(name, sc.name)
	}
	sc.createdAt = old.createdAt
	sc.updatedAt = c.now.Truncate(time.Millisecond)
	s.st.siprec.put(sc.name, sc)
	return jsonResponse(http.StatusOK, siprecJSON(sc))
}
