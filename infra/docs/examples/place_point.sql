-- Where the warehouse locates a place name (case and accents ignored).
select * from marts.place_point('dioura');
