"""Services of the programme around the family: its network, family group conferences,
learning topics, hard moments and the programme's sessions (visits and reviews predate this
package and stay beside the other services)."""
