import Hummingbird

/// The segment endpoints: list, get, create, update and delete.
struct SegmentsController<Context: RequestContext>: Sendable {
    let store: SegmentStore
    let bodyReader: JSONBodyReader

    /// The routes, relative to the segments base path.
    var routes: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get(use: list)
            .post(use: create)
            .rejectingOtherMethods(on: "", allowed: [.get, .post])
        routes.get(":id", use: show)
            .put(":id", use: update)
            .delete(":id", use: delete)
            .rejectingOtherMethods(on: ":id", allowed: [.get, .put, .delete])
        return routes
    }

    /// `GET /`: every segment, ordered by name.
    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let segments = try await store.allSegments()
        var json = JSONWriter(capacity: segments.reduce(2) { $0 + 256 + $1.userIds.json.utf8.count + $1.companyIds.json.utf8.count })
        json.array { array in
            for segment in segments { array.segment(segment) }
        }
        return .json(json)
    }

    /// `GET /:id`: one segment.
    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let segment = try await store.segmentRecord(id: id) else {
            throw APIError.segmentNotFound(id)
        }
        var json = JSONWriter()
        json.segment(segment)
        return .json(json)
    }

    /// `POST /`: creates a segment; 201 with its ID and name.
    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        let changes = try SegmentChanges(try await bodyReader.object(of: request))
        guard let name = changes.name else {
            throw APIError.badRequest("'name' is required", field: "name")
        }
        let segment: SegmentRecord
        do {
            segment = try await store.createSegment(named: name, with: changes)
        } catch let error as DuplicateSegmentName {
            throw APIError.nameTaken(error.name)
        }
        var json = JSONWriter()
        json.object { object in
            object.key("id")
            object.string(segment.id)
            object.key("name")
            object.string(segment.name)
        }
        return .json(json, status: .created)
    }

    /// `PUT /:id`: changes the fields given and returns the whole segment.
    @Sendable func update(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let changes = try SegmentChanges(try await bodyReader.object(of: request))
        let updated: SegmentRecord?
        do {
            updated = try await store.updateSegment(id: id, with: changes)
        } catch let error as DuplicateSegmentName {
            throw APIError.nameTaken(error.name)
        }
        guard let segment = updated else {
            throw APIError.segmentNotFound(id)
        }
        var json = JSONWriter()
        json.segment(segment)
        return .json(json)
    }

    /// `DELETE /:id`: deletes a segment and its feature flag associations.
    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        guard try await store.deleteSegment(id: id) else {
            throw APIError.segmentNotFound(id)
        }
        var json = JSONWriter()
        json.object { object in
            object.key("success")
            object.bool(true)
        }
        return .json(json)
    }
}
