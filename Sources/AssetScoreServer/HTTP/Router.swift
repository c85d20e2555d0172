import Foundation

/// Routes a request by exact path and method to a handler, answering 404 and 405 itself.
///
/// The API has a handful of fixed paths, so a dictionary lookup beats pattern matching, and
/// the route's path doubles as the metrics label (unknown paths share one label, so a scanner
/// cannot blow up the metric series).
public struct Router: Sendable {
    public typealias Handler = @Sendable (HTTPRequest) throws -> HTTPResponse

    private var routes: [String: [String: Handler]] = [:]

    public init() {}

    public mutating func add(_ method: String, _ path: String, _ handler: @escaping Handler) {
        routes[path, default: [:]][method] = handler
    }

    /// Every (method, path) served, for the OpenAPI check.
    public var table: [(method: String, path: String)] {
        routes.flatMap { path, methods in methods.keys.map { (method: $0, path: path) } }
            .sorted { ($0.path, $0.method) < ($1.path, $1.method) }
    }

    /// The label for metrics: the route's path, or "unmatched".
    public func label(for path: String) -> String { routes[path] == nil ? "unmatched" : path }

    /// The handler's response, or the error it threw as JSON. HEAD is answered as GET
    /// (libmicrohttpd leaves out the body).
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        guard let methods = routes[request.path] else {
            return APIError.notFound("no such endpoint: \(request.method) \(request.path)").response
        }
        let method = request.method == "HEAD" && methods["HEAD"] == nil ? "GET" : request.method
        guard let handler = methods[method] else {
            let allowed = methods.keys.sorted().joined(separator: ", ")
            return APIError(
                status: 405, code: "method_not_allowed", message: "\(request.path) accepts \(allowed), not \(request.method)",
                headers: [("Allow", allowed)]
            ).response
        }
        do {
            return try handler(request)
        } catch let error as APIError {
            return error.response
        } catch {
            return APIError.internal("\(error)").response
        }
    }
}
